/*
 * sweep-quantity.h - the quantities a sweep's grid points are read by.
 *
 * One name per quantity, the sweep CSV's column names (sweep-report.h):
 * m.J, t.J, u.J, rent.J for type J, information_cost (or info_cost),
 * expected_model_value (or value) and status (or pooling: separating,
 * nearly pooled, partial, pooling or no collaboration, a category).  The
 * plot command's --show takes them; each knows its value at a point and
 * its label in the paper's symbols.  Pure; no solving.
 */
#ifndef CML_SWEEP_QUANTITY_H
#define CML_SWEEP_QUANTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "sweep.h"

enum sweep_quantity_kind { SQ_POOLING, SQ_VALUE, SQ_INFO_COST, SQ_M, SQ_T,
			   SQ_U, SQ_RENT };

struct sweep_quantity {
	enum sweep_quantity_kind kind;
	int type; /* 0-based for SQ_M, SQ_T, SQ_U, SQ_RENT, else -1 */
};

/* The pooling categories (the value of SQ_POOLING). */
enum sweep_pooling_category { SQ_SEPARATING, SQ_NEARLY_POOLED, SQ_PARTIAL,
			      SQ_POOLED, SQ_NONE, SQ_CATEGORIES };

/* A category's name: "separating", "nearly pooled", ... */
const char *sweep_pooling_name(enum sweep_pooling_category c);

/*
 * Parses a comma-separated list of names for ntypes types into at most
 * max quantities.  Returns how many, or -1 with err->msg saying which name
 * is wrong and what the names are.
 */
int sweep_quantity_parse_list(const char *list, int ntypes,
			      struct sweep_quantity *out, int max,
			      struct cml_error *err);

/* The default list: Figure 2's for two types, a shorter one beyond. */
void sweep_quantity_default(int ntypes, char *buf, size_t size);

/* The quantity's name as parsed ("m.1") and its label ("m_1"). */
void sweep_quantity_name(const struct sweep_quantity *q, char *buf,
			 size_t size);
void sweep_quantity_label(const struct sweep_quantity *q, char *buf,
			  size_t size);

/* True for information_cost (the sweep needs the benchmark). */
bool sweep_quantity_needs_complete(const struct sweep_quantity *q);

/* True for quantities of either sign, drawn on a scale centred on 0. */
bool sweep_quantity_signed(const struct sweep_quantity *q);

/*
 * The value at a point: NAN where the point is not done, not valid, its
 * solve failed or it lacks the benchmark; the category for SQ_POOLING.
 */
double sweep_quantity_value(const struct sweep_point *pt,
			    const struct sweep_quantity *q);

#endif
