/** The metric math subset Ballast validates and the fake evaluates; not part of the API. */
package dev.ballast.internal.metricmath;
