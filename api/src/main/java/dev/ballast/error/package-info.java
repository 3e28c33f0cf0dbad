/**
 * Ballast's exceptions. All are unchecked and carry a stable {@code code()}; none of their
 * messages contains a secret value.
 */
package dev.ballast.error;
