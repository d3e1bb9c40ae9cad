/*
 * sizes.h - the sizes the engine supports.
 *
 * The exact expectations enumerate every outcome of the multinomial, so the
 * outcome count C(N+I-1, I-1) is the real limit; the others keep arrays
 * fixed-size and counts within 16 bits.
 */
#ifndef CML_SIZES_H
#define CML_SIZES_H

#define CML_MAX_TYPES 12
#define CML_MAX_PARTICIPANTS 10000
#define CML_MAX_OUTCOMES 1000000
#define CML_NAME_MAX 64
#define CML_DESCRIPTION_MAX 4096

#endif
