/*
 * embedded.c - what the tables of built-in files share.
 */
#include "embedded.h"

#include <stdio.h>

void embedded_names(const struct embedded_file *files, int count, char *buf,
		    size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < count && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
				 files[i].name);
		used += n > 0 ? (size_t)n : 0;
	}
}
