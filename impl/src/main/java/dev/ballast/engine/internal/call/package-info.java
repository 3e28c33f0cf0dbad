/**
 * How the engine calls AWS: every call goes through {@link dev.ballast.engine.internal.call.ResilientCaller}
 * (rate limit, transport, retry of what is safe by {@link dev.ballast.engine.internal.call.CallKinds}),
 * on the engine's scheduler. The lowest layer of the engine: it depends on no other engine package,
 * so that observing ({@code reconcile}), watching and running can all call through it.
 */
package dev.ballast.engine.internal.call;
