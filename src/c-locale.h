/*
 * c-locale.h - numbers with a decimal point, whatever the program's locale.
 *
 * ncursesw needs setlocale(), and a locale such as de_DE makes strtod()
 * and printf() use a decimal comma; every reader and writer of numbers
 * (YAML, CSV, sweep axes, edits) runs between these two calls, which
 * switch only the calling thread (uselocale).
 */
#ifndef CML_C_LOCALE_H
#define CML_C_LOCALE_H

#include <locale.h>

#include "error.h"

struct c_locale {
	locale_t c, previous;
};

/*
 * Switches this thread to the C locale.  Returns 0, or -1 with err (may
 * be NULL; origin names the source) when the locale cannot be made;
 * c_locale_leave() is right either way.
 */
int c_locale_enter(struct c_locale *scope, const char *origin,
		   struct cml_error *err);

/* Back to the locale before c_locale_enter(). */
void c_locale_leave(struct c_locale *scope);

#endif
