/*
 * solve-worker.h - solving off the caller's thread.
 *
 * The explorer must answer every key within a frame whatever a solve
 * costs.  A worker owns a thread, a solver and a model of its own; the
 * caller hands it jobs (a copy of the scenario and the warm start) and
 * picks answers up when the worker's file descriptor turns readable.
 * The two meet at one mutex-guarded slot each way: a newer job replaces
 * a waiting one and stops a running one at its next evaluation, and an
 * answer to anything but the newest job is dropped, so only the newest
 * scenario's contract is ever shown.
 */
#ifndef CML_SOLVE_WORKER_H
#define CML_SOLVE_WORKER_H

#include <stdbool.h>

#include "contract.h"
#include "scenario.h"

struct solve_job {
	struct scenario scenario;   /* sorted by cost, valid */
	struct contract warm;       /* warm start, when have_warm */
	bool have_warm;
	bool complete_info;         /* compute the benchmark too */
	unsigned long id;           /* set by solve_worker_submit() */
};

struct solve_answer {
	unsigned long id;           /* the job it answers */
	struct scenario scenario;   /* the job's scenario */
	struct contract contract;   /* valid when ok */
	bool ok;                    /* false: error holds why */
	char error[600];
	double seconds;             /* the solve's wall time */
};

struct solve_worker;

/*
 * Starts a worker whose solves stop after maxtime seconds.  NULL if the
 * thread, the pipe or memory could not be had.
 */
struct solve_worker *solve_worker_create(double maxtime);

/* Stops any solve, joins the thread and frees the worker. */
void solve_worker_free(struct solve_worker *w);

/*
 * Queues job (copied) as the newest; a solve still running for an older
 * job is abandoned.  Returns the job's id.
 */
unsigned long solve_worker_submit(struct solve_worker *w,
				  const struct solve_job *job);

/* Abandons the running and any waiting job: no answer will come. */
void solve_worker_cancel(struct solve_worker *w);

/* The evaluation cap of each SLSQP run, from the next job on. */
void solve_worker_set_maxeval(struct solve_worker *w, int maxeval);

/* Readable when an answer is waiting (for poll()). */
int solve_worker_fd(const struct solve_worker *w);

/* Takes the waiting answer, if any, without blocking. */
bool solve_worker_take(struct solve_worker *w, struct solve_answer *out);

/* Blocks until the newest job is answered (or there is none). */
bool solve_worker_wait(struct solve_worker *w, struct solve_answer *out);

/* True while a job waits or runs; *since is when the newest was queued. */
bool solve_worker_busy(struct solve_worker *w, double *since);

#endif
