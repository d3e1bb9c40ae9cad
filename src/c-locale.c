/*
 * c-locale.c - the C locale for the calling thread, and back.
 */
#define _POSIX_C_SOURCE 200809L
#include "c-locale.h"

#include <errno.h>
#include <string.h>

int c_locale_enter(struct c_locale *scope, const char *origin,
		   struct cml_error *err)
{
	scope->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	scope->previous = (locale_t)0;
	if (scope->c == (locale_t)0) {
		cml_error_set(err, origin, 0, 0, "cannot set up the C locale: "
			      "%s", strerror(errno));
		return -1;
	}
	scope->previous = uselocale(scope->c);
	return 0;
}

void c_locale_leave(struct c_locale *scope)
{
	if (scope->c == (locale_t)0)
		return;
	uselocale(scope->previous);
	freelocale(scope->c);
	scope->c = (locale_t)0;
}
