/*
 * tree.c - tests only: libyaml events into a tree.
 */
#include "tree.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static struct tree *node(enum tree_kind kind)
{
	struct tree *t = calloc(1, sizeof(*t));
	if (t != NULL)
		t->kind = kind;
	return t;
}

static void add_child(struct tree *parent, char *key, struct tree *child)
{
	parent->items = realloc(parent->items,
				(parent->count + 1) * sizeof(*parent->items));
	parent->keys = realloc(parent->keys,
			       (parent->count + 1) * sizeof(*parent->keys));
	parent->items[parent->count] = child;
	parent->keys[parent->count] = key;
	parent->count++;
}

/* Builds the node starting with event ev (already parsed). */
static struct tree *build(yaml_parser_t *parser, yaml_event_t *ev, int *ok)
{
	struct tree *t = NULL;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		t = node(TREE_SCALAR);
		t->text = strndup((const char *)ev->data.scalar.value,
				  ev->data.scalar.length);
		return t;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool mapping = ev->type == YAML_MAPPING_START_EVENT;
		yaml_event_type_t end = mapping ? YAML_MAPPING_END_EVENT :
						  YAML_SEQUENCE_END_EVENT;
		t = node(mapping ? TREE_MAPPING : TREE_SEQUENCE);
		for (;;) {
			yaml_event_t next;
			char *key = NULL;
			if (!yaml_parser_parse(parser, &next)) {
				*ok = 0;
				return t;
			}
			if (next.type == end) {
				yaml_event_delete(&next);
				return t;
			}
			if (mapping) {
				if (next.type != YAML_SCALAR_EVENT) {
					yaml_event_delete(&next);
					*ok = 0;
					return t;
				}
				key = strndup((const char *)next.data.scalar.value,
					      next.data.scalar.length);
				yaml_event_delete(&next);
				if (!yaml_parser_parse(parser, &next)) {
					free(key);
					*ok = 0;
					return t;
				}
			}
			struct tree *child = build(parser, &next, ok);
			yaml_event_delete(&next);
			add_child(t, key, child);
			if (!*ok)
				return t;
		}
	}
	default:
		*ok = 0;
		return NULL;
	}
}

struct tree *tree_parse(const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct tree *root = NULL;
	int ok = 1;

	if (!yaml_parser_initialize(&parser))
		return NULL;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (ok && root == NULL) {
		if (!yaml_parser_parse(&parser, &ev)) {
			ok = 0;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			root = build(&parser, &ev, &ok);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!ok) {
		tree_free(root);
		return NULL;
	}
	return root;
}

struct tree *tree_load_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap * 2 + 8192;
			buf = realloc(buf, cap);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	struct tree *t = tree_parse(buf, len);
	free(buf);
	return t;
}

void tree_free(struct tree *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->count; i++) {
		tree_free(t->items[i]);
		free(t->keys[i]);
	}
	free(t->items);
	free(t->keys);
	free(t->text);
	free(t);
}

const struct tree *tree_get(const struct tree *t, const char *key)
{
	if (t == NULL || t->kind != TREE_MAPPING)
		return NULL;
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->keys[i], key) == 0)
			return t->items[i];
	return NULL;
}

const struct tree *tree_at(const struct tree *t, size_t index)
{
	if (t == NULL || t->kind != TREE_SEQUENCE || index >= t->count)
		return NULL;
	return t->items[index];
}

double tree_number(const struct tree *t)
{
	char *end;

	if (t == NULL || t->kind != TREE_SCALAR)
		return NAN;
	double v = strtod(t->text, &end);
	return end != t->text && *end == '\0' ? v : NAN;
}

double tree_number_at(const struct tree *t, const char *key)
{
	return tree_number(tree_get(t, key));
}

size_t tree_numbers(const struct tree *t, double *out, size_t max)
{
	size_t n = 0;

	if (t == NULL || t->kind != TREE_SEQUENCE)
		return 0;
	for (; n < t->count && n < max; n++)
		out[n] = tree_number(t->items[n]);
	return n;
}
