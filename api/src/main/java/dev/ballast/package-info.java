/**
 * What users import: {@link dev.ballast.Endpoint}, {@link dev.ballast.Component},
 * {@link dev.ballast.RollingUpdate}, {@link dev.ballast.Alarm}, {@link dev.ballast.InstanceType}
 * and {@link dev.ballast.Secret}.
 */
package dev.ballast;
