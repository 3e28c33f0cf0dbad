/** The engine's entry points: planning a spec into requests. */
package dev.ballast.engine;
