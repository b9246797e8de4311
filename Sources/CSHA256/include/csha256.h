#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of SHA-256 (FIPS 180-4, section 4.2.2): the first 32
/// bits of the fractional parts of the cube roots of the first 64 primes.
/// The one copy, shared with SlotModel's portable SHA256Hasher.
const uint32_t *csha256_round_constants(void);

/// Whether this processor has the SHA extensions (x86 SHA-NI, with SSSE3 and
/// SSE4.1) that csha256_compress_hardware needs: 1 if so, 0 otherwise, and
/// always 0 on other architectures.
int csha256_hardware_available(void);

/// Compresses `blocks` whole 64-byte blocks at `data` into the SHA-256
/// chaining state H0...H7 with the processor's SHA instructions. Call it only
/// when csha256_hardware_available() returns 1.
void csha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
