/*
 * tree.h - tests only: a JSON/YAML document as a tree (via libyaml).
 *
 * JSON is YAML, so golden.json and our own JSON reports load through the
 * same small reader.  Lookups return NULL when a key or index is absent,
 * so tests can assert on presence.
 */
#ifndef CML_TEST_TREE_H
#define CML_TEST_TREE_H

#include <stddef.h>

enum tree_kind { TREE_SCALAR, TREE_SEQUENCE, TREE_MAPPING };

struct tree {
	enum tree_kind kind;
	char *text;            /* scalars: the text; mappings: NULL */
	size_t count;          /* children */
	char **keys;           /* mappings: one key per child */
	struct tree **items;
};

/* Parses a document; NULL on a syntax error. */
struct tree *tree_parse(const char *text, size_t len);
struct tree *tree_load_file(const char *path);
void tree_free(struct tree *t);

const struct tree *tree_get(const struct tree *t, const char *key);
const struct tree *tree_at(const struct tree *t, size_t index);
/* Scalar as a number (NAN if absent or not a number). */
double tree_number(const struct tree *t);
/* t[key] as a number. */
double tree_number_at(const struct tree *t, const char *key);
/* Fills out with up to max numbers of a sequence; returns how many. */
size_t tree_numbers(const struct tree *t, double *out, size_t max);

#endif
