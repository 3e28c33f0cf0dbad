/**
 * Service provider interfaces: the transport Ballast sends requests through, and the time source
 * and scheduler through which it reads and spends time.
 */
package dev.ballast.spi;
