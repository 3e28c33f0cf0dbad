/** JUnit 5 support: {@code @BallastTest} and {@code BallastExtension} inject fake worlds. */
package dev.ballast.testkit.junit;
