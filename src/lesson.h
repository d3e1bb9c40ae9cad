/*
 * lesson.h - guided tours of the explorer, read from YAML.
 *
 * A lesson is a list of steps.  Each step may load a scenario (a preset,
 * or a file beside the lesson), edit it, choose what the explorer shows,
 * pick out a type or an incentive-table cell, and says a short text whose
 * {PLACEHOLDERS} are filled from the contract on screen (lesson-text.h).
 *
 *   title: The paper's story       # required
 *   steps:                         # required, 1..LESSON_MAX_STEPS
 *     - title: Training alone      # required
 *       scenario: twotype          # a preset, or a file relative to the
 *                                  #   lesson's; the first step needs one
 *       set:                       # edits after loading, in order; the
 *         p.1: 0.8                 #   names of sweep axes (N, p.J, c.J,
 *         N: 2                     #   a family parameter)
 *       show: contributions        # a pane: types, contract, status,
 *                                  #   rewards, contributions, welfare,
 *                                  #   notes, map, incentives, screening
 *       type: 2                    # a type to pick out (1-based)
 *       option: 1                  # with type: the incentive cell (2, 1)
 *       text: |                    # required; {m.1}, {rent.2}, ...
 *         Alone, type 1 trains on {mtilde.1} units.
 *
 * Each step's scenario (the one the lesson shows when the student has
 * not edited) is worked out at load time: the previous step's, or the
 * loaded one, with the step's edits applied.  So every problem (an
 * unknown preset, an edit out of range, {m.7} in a 5-type scenario) is
 * refused at load time with its FILE:LINE:COL.
 *
 * All functions are reentrant and independent of the process locale.
 */
#ifndef CML_LESSON_H
#define CML_LESSON_H

#include <limits.h>
#include <stdbool.h>

#include "embedded.h"
#include "error.h"
#include "scenario.h"
#include "view-layout.h"

#define LESSON_MAX_STEPS 64
#define LESSON_TITLE_MAX 96
#define LESSON_TEXT_MAX 2048
#define LESSON_MAX_SETS 8
/* Largest lesson file read, in bytes. */
#define LESSON_MAX_FILE (256 * 1024)

struct lesson_step {
	char title[LESSON_TITLE_MAX];
	char text[LESSON_TEXT_MAX];
	/* The step's own actions. */
	bool loads;                     /* has scenario: */
	int nsets;                      /* entries of set: */
	bool shows;                     /* has show: */
	enum pane_kind pane;            /* the pane show: names */
	int type;                       /* 0-based type picked out, -1 none */
	int option;                     /* 0-based option with type, -1 none */
	/* The scenario this step shows, and where it came from. */
	struct scenario scenario;
	char source[PATH_MAX];          /* "preset:NAME" or the file's path */
	char path[PATH_MAX];            /* the file, "" for a preset */
};

struct lesson {
	char name[CML_NAME_MAX];        /* the built-in name, or the file's */
	char origin[PATH_MAX];          /* "lesson:NAME" or the path */
	char title[LESSON_TITLE_MAX];
	int nsteps;
	struct lesson_step *steps;      /* malloc'd; lesson_free() */
};

/* The built-in lessons (data/lessons/NAME.yaml, embedded at build time). */
extern const struct embedded_file lessons[];
extern const int lessons_count;

/* The built-in lesson called name, or NULL. */
const struct embedded_file *lesson_find(const char *name);

/*
 * Loads a lesson from len bytes of text.  origin names it in errors
 * ("data/lessons/paper.yaml", "lesson:paper"); dir is where its
 * scenario files are looked for ("" for none: then only presets).
 * Returns 0, or -1 with err at the place of the problem and *out empty.
 */
int lesson_load_string(const char *text, size_t len, const char *origin,
		       const char *dir, struct lesson *out,
		       struct cml_error *err);

/* Loads NAME (a built-in lesson) or a file path (if it names a file). */
int lesson_load(const char *name_or_path, struct lesson *out,
		struct cml_error *err);

void lesson_free(struct lesson *l);

/* The pane a show: value names ("screening"), or -1. */
int lesson_pane_named(const char *name);

#endif
