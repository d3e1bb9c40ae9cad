/*
 * lesson-text.h - a lesson's text with live numbers: "{m.1}", "{rent.2}".
 *
 * A placeholder is {NAME}, {NAME.J} (J a type, 1-based, in cost order) or
 * {inc.I.J} (the incentive table's cell: what type I gets from option J),
 * optionally with :D for D decimals (0..9), e.g. {m.1:0}.  "{{" and "}}"
 * are literal braces.  The names (the JSON field of `solve --format json`
 * each one reads is in lesson-text.c, and in cmlcontract(1)):
 *
 *   per type: m t u rent extra mtilde f vtilde tbar c p name m_ci v_ci
 *   global:   N types value accuracy complete_value info_cost status
 *             groups ir_binds ic_binds gap gap_percent
 *
 * Numbers have the decimals a report shows them with (data 1, values 2,
 * accuracy 4, costs and probabilities as given) unless :D says otherwise.
 *
 * Pure engine code; reentrant.
 */
#ifndef CML_LESSON_TEXT_H
#define CML_LESSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "contract.h"
#include "model.h"
#include "scenario.h"

/*
 * Checks every placeholder of text against a scenario of ntypes types.
 * Returns 0, or -1 with *offset at the bad placeholder's '{' (a byte
 * offset into text) and a reason in why.
 */
int lesson_text_check(const char *text, int ntypes, size_t *offset,
		      char *why, size_t size);

/* True if text uses a complete-information placeholder (m_ci, v_ci,
   complete_value, info_cost), which need contract.complete. */
bool lesson_text_needs_complete(const char *text);

/*
 * Writes text with every placeholder filled from the contract c, solved
 * for mdl (names from sc when it has the same types).  c NULL, or a
 * placeholder it cannot fill (a type the edited scenario lost, complete
 * information not computed): "?".  ascii: "->" for the arrows of the
 * binding lists, else UTF-8.  The output is cut at size - 1 bytes.
 */
void lesson_text_fill(const char *text, const struct model *mdl,
		      const struct contract *c, const struct scenario *sc,
		      bool ascii, char *out, size_t size);

#endif
