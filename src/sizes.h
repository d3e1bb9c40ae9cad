/*
 * sizes.h - the sizes the engine supports.
 *
 * Arrays indexed by type are fixed-size (CML_MAX_TYPES), so a struct
 * scenario or struct contract is copied by assignment.  The exact
 * expectations enumerate every outcome of the multinomial, so for them the
 * outcome count C(N+I-1, I-1) is the real limit, and the counts n_i are
 * stored in 16 bits: exact enumeration takes N up to
 * CML_MAX_EXACT_PARTICIPANTS.  Larger N, or more outcomes, need the
 * approximate (lattice) method.
 */
#ifndef CML_SIZES_H
#define CML_SIZES_H

#define CML_MAX_TYPES 64
#define CML_MAX_PARTICIPANTS 100000
#define CML_MAX_EXACT_PARTICIPANTS 65535 /* UINT16_MAX: counts are uint16_t */
#define CML_MAX_OUTCOMES 1000000
#define CML_NAME_MAX 64
#define CML_DESCRIPTION_MAX 4096

#endif
