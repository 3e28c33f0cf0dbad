/**
 * The step interfaces of the fluent DSL. They are a typing device, so that a chain that cannot make
 * sense does not compile; users never name them.
 */
package dev.ballast.dsl;
