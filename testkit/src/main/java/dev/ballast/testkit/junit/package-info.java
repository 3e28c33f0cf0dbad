/**
 * JUnit 5 support: {@code @BallastTest} and {@code BallastExtension} inject fake worlds, their
 * clocks and engines bound to them.
 */
package dev.ballast.testkit.junit;
