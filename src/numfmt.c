/*
 * numfmt.c - number formatting shared by reports and the explorer.
 */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *numfmt_sig(char *buf, size_t size, double x, int sig)
{
	double mag = fabs(x);

	if (isnan(x))
		snprintf(buf, size, "-");
	else if (isinf(x))
		snprintf(buf, size, x > 0 ? "inf" : "-inf");
	else if (x == 0.0)
		snprintf(buf, size, "0");
	else if (mag >= 1e-4 && mag < 1e9) {
		int digits = sig - 1 - (int)floor(log10(mag));
		if (digits < 0)
			digits = 0;
		snprintf(buf, size, "%.*f", digits, x);
		/* Rounding can reach the next power of ten; that is fine. */
	} else
		snprintf(buf, size, "%.*e", sig > 1 ? sig - 1 : 0, x);
	/* "-0.000" after rounding a tiny negative: drop the sign. */
	if (buf[0] == '-' && strtod(buf, NULL) == 0.0 && !isinf(x) &&
	    !isnan(x))
		for (size_t i = 0; buf[i] != '\0'; i++)
			buf[i] = buf[i + 1];
	return buf;
}

char *numfmt_bound(char *buf, size_t size, double x)
{
	if (isnan(x)) {
		snprintf(buf, size, "-");
		return buf;
	}
	if (isinf(x) && x > 0) {
		snprintf(buf, size, "inf");
		return buf;
	}
	if (!(x > 0.0)) {
		snprintf(buf, size, "0");
		return buf;
	}
	int exp10 = (int)floor(log10(x));
	/* The slack keeps 3e-11, stored as 3.0000000000000001e-11, at 3. */
	int digit = (int)ceil(x / pow(10.0, exp10) * (1.0 - 1e-12));
	if (digit < 1)
		digit = 1;
	if (digit >= 10) {
		digit = 1;
		exp10++;
	}
	if (exp10 >= -4 && exp10 < 0)
		snprintf(buf, size, "%.*f", -exp10, digit * pow(10.0, exp10));
	else if (exp10 >= 0 && exp10 < 5)
		snprintf(buf, size, "%.0f", digit * pow(10.0, exp10));
	else
		snprintf(buf, size, "%de%d", digit, exp10);
	return buf;
}

char *numfmt_fixed(char *buf, size_t size, double x, int decimals)
{
	if (!isfinite(x) || fabs(x) >= 1e12)
		return numfmt_sig(buf, size, x, decimals + 1);
	snprintf(buf, size, "%.*f", decimals, x);
	if (buf[0] == '-' && strtod(buf, NULL) == 0.0)
		for (size_t i = 0; buf[i] != '\0'; i++)
			buf[i] = buf[i + 1];
	return buf;
}

char *numfmt_exact(char *buf, size_t size, double x)
{
	if (!isfinite(x)) {
		snprintf(buf, size, "null");
		return buf;
	}
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(buf, size, "%.*g", precision, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

char *numfmt_fixed_within(char *buf, size_t size, double x, int decimals,
			  int width)
{
	for (int d = decimals; d >= 0; d--) {
		numfmt_fixed(buf, size, x, d);
		if ((int)strlen(buf) <= width)
			return buf;
	}
	return numfmt_fit(buf, size, x, width, 6);
}

char *numfmt_duration(char *buf, size_t size, double seconds)
{
	if (seconds < 1e-3)
		snprintf(buf, size, "%.3f ms", seconds * 1e3);
	else if (seconds < 1.0)
		snprintf(buf, size, "%.*f ms", seconds < 0.1 ? 2 : 1,
			 seconds * 1e3);
	else
		snprintf(buf, size, "%.2f s", seconds);
	return buf;
}

/* "1.2e+04" as "1.2e4", "3e-05" as "3e-5": exponents without padding. */
static void compact_exponent(char *buf)
{
	char *e = strchr(buf, 'e');

	if (e == NULL)
		return;
	char *src = e + 1, *dst = e + 1;
	if (*src == '+')
		src++;
	else if (*src == '-')
		*dst++ = *src++;
	while (*src == '0' && src[1] != '\0')
		src++;
	memmove(dst, src, strlen(src) + 1);
}

char *numfmt_fit(char *buf, size_t size, double x, int width, int sig)
{
	for (int s = sig; s >= 1; s--) {
		numfmt_sig(buf, size, x, s);
		compact_exponent(buf);
		if ((int)strlen(buf) <= width)
			return buf;
	}
	for (int d = sig - 1 > 3 ? 3 : sig - 1; d >= 0; d--) {
		snprintf(buf, size, "%.*e", d, x);
		compact_exponent(buf);
		if ((int)strlen(buf) <= width)
			return buf;
	}
	if (size > 0)
		buf[0] = '\0';
	return buf;
}
