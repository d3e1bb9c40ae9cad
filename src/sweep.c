/*
 * sweep.c - solving a grid of edited scenarios, warm-started along a
 * serpentine path, on one or several threads.
 *
 * A worker owns what a run of solves needs - a solver, a model kept up to
 * date with model_update() (which keeps the outcome set while N stays
 * put) and the last good contract as the next warm start - and walks a
 * contiguous stretch of the serpentine order.  Workers write disjoint
 * points; the only shared number is the count of points done, under a
 * mutex, which the calling thread reads to report progress.
 */
#include "sweep.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

/* Seconds between progress calls. */
#define PROGRESS_INTERVAL 0.1
/* Most threads sweep_run() starts. */
#define MAX_THREADS 64
/* Work of one point beyond its outcomes, in outcomes (model, analysis). */
#define POINT_OVERHEAD 16.0
/*
 * The work of a point solved with approximate expectations, in the same
 * unit (outcomes of an exact pass): its cost does not grow with the
 * outcome count, so a fixed estimate of the order of a mid-sized exact
 * point keeps such points from looking free (or, counted by their
 * outcomes, from looking millions of times dearer than they are).  Only
 * the split into bands uses it; a poor estimate costs balance, not
 * results.
 */
#define APPROX_POINT_WORK 50000.0

/* What the workers of one sweep_run() share. */
struct shared {
	pthread_mutex_t lock;
	pthread_cond_t cond;   /* signalled when a worker ends */
	int done;              /* points done, all workers */
	int running;           /* workers still running */
};

struct worker {
	struct sweep *sweep;
	int first, last;       /* positions [first, last) in serpentine order */
	struct solver *solver;
	struct model model;
	bool have_model;       /* model has been initialised */
	const struct contract *warm; /* last good contract, or NULL */
	struct shared *shared; /* NULL when not in a threaded run */
	pthread_t thread;
};

struct sweep {
	struct scenario base;
	struct sweep_axis x, y;
	bool two_d;
	bool complete_info;
	int columns, rows, total;
	int shard, shards;          /* computes index % shards == shard */
	int wanted;                 /* points in the shard */
	bool cold;                  /* every point solved from scratch */
	struct sweep_point *points; /* rows * columns, row-major */
	int done;
	int next;                   /* sweep_step(): next position */
	struct worker stepper;      /* sweep_step()'s worker */
	double seconds;
};

/* Is the point at (row-major) index in this run's shard? */
static bool in_shard(const struct sweep *s, int index)
{
	return index % s->shards == s->shard;
}

/* The point index of position pos in serpentine order. */
static int serpentine(const struct sweep *s, int pos)
{
	int row = pos / s->columns, col = pos % s->columns;

	if (row % 2 == 1)
		col = s->columns - 1 - col;
	return row * s->columns + col;
}

struct sweep *sweep_create(const struct scenario *base,
			   const struct sweep_axis *x,
			   const struct sweep_axis *y, bool complete_info,
			   struct cml_error *err)
{
	struct sweep *s;
	int rows = y != NULL ? y->steps : 1;

	cml_error_clear(err);
	if (x->steps < 1 || x->steps > SWEEP_MAX_STEPS || rows < 1 ||
	    rows > SWEEP_MAX_STEPS) {
		cml_error_set(err, NULL, 0, 0, "an axis has %d steps; 1 to %d "
			      "are allowed", x->steps < 1 ||
			      x->steps > SWEEP_MAX_STEPS ? x->steps : rows,
			      SWEEP_MAX_STEPS);
		return NULL;
	}
	if (x->steps * rows > SWEEP_MAX_POINTS) {
		cml_error_set(err, NULL, 0, 0, "%d x %d = %d grid points is "
			      "more than the %d a sweep may have", x->steps,
			      rows, x->steps * rows, SWEEP_MAX_POINTS);
		return NULL;
	}
	if (y != NULL && sweep_axis_conflict(x, y)) {
		cml_error_set(err, NULL, 0, 0, "the x and y axes both set %s; "
			      "sweep two different parameters",
			      x->param == SWEEP_PROB ? "probabilities (each "
			      "rescales the others)" : "the same parameter");
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s != NULL)
		s->points = calloc((size_t)x->steps * (size_t)rows,
				   sizeof(*s->points));
	if (s == NULL || s->points == NULL) {
		free(s);
		cml_error_set(err, NULL, 0, 0, "out of memory for %d grid "
			      "points", x->steps * rows);
		return NULL;
	}
	s->base = *base;
	s->x = *x;
	s->two_d = y != NULL;
	if (y != NULL)
		s->y = *y;
	s->complete_info = complete_info;
	s->columns = x->steps;
	s->rows = rows;
	s->total = x->steps * rows;
	s->shards = 1;
	s->wanted = s->total;
	for (int iy = 0; iy < rows; iy++)
		for (int ix = 0; ix < s->columns; ix++) {
			struct sweep_point *pt = &s->points[iy * s->columns +
							    ix];
			pt->x = sweep_axis_value(x, ix);
			pt->y = y != NULL ? sweep_axis_value(y, iy) : 0.0;
		}
	s->stepper.sweep = s;
	return s;
}

/* Releases what a worker holds (its solver and model). */
static void worker_release(struct worker *w)
{
	if (w->have_model)
		model_free(&w->model);
	w->have_model = false;
	solver_free(w->solver);
	w->solver = NULL;
	w->warm = NULL;
}

void sweep_free(struct sweep *s)
{
	if (s == NULL)
		return;
	worker_release(&s->stepper);
	free(s->points);
	free(s);
}

int sweep_columns(const struct sweep *s)
{
	return s->columns;
}

int sweep_rows(const struct sweep *s)
{
	return s->rows;
}

const struct sweep_axis *sweep_x(const struct sweep *s)
{
	return &s->x;
}

const struct sweep_axis *sweep_y(const struct sweep *s)
{
	return s->two_d ? &s->y : NULL;
}

const struct sweep_point *sweep_at(const struct sweep *s, int ix, int iy)
{
	if (ix < 0 || ix >= s->columns || iy < 0 || iy >= s->rows)
		return NULL;
	return &s->points[iy * s->columns + ix];
}

int sweep_set_shard(struct sweep *s, int shard, int shards)
{
	if (shards < 1 || shard < 1 || shard > shards || s->done > 0)
		return -1;
	s->shard = shard - 1;
	s->shards = shards;
	s->wanted = 0;
	for (int index = 0; index < s->total; index++)
		s->wanted += in_shard(s, index);
	return 0;
}

void sweep_set_cold(struct sweep *s, bool cold)
{
	s->cold = cold;
}

int sweep_done(const struct sweep *s)
{
	return s->done;
}

bool sweep_finished(const struct sweep *s)
{
	return s->done >= s->wanted;
}

double sweep_seconds(const struct sweep *s)
{
	return s->seconds;
}

/* Marks a point invalid with the reason in err. */
static void set_invalid(struct sweep_point *pt, const struct cml_error *err)
{
	pt->valid = false;
	snprintf(pt->reason, sizeof(pt->reason), "%.*s",
		 (int)sizeof(pt->reason) - 1, err->msg);
	pt->done = true;
}

/*
 * Solves the point at serpentine position pos with w's solver and model,
 * warm-started from w's last good contract, which it then becomes.
 */
static void solve_point(struct worker *w, int pos)
{
	const struct sweep *s = w->sweep;
	struct sweep_point *pt = &s->points[serpentine(s, pos)];
	struct scenario sc = s->base;
	struct cml_error err;

	if (sweep_apply(&sc, &s->x, pt->x, &err) != 0 ||
	    (s->two_d && sweep_apply(&sc, &s->y, pt->y, &err) != 0)) {
		set_invalid(pt, &err);
		return;
	}
	/* A cold point depends on nothing but itself: a fresh model too,
	   not one updated from whichever point this worker saw last. */
	if (w->have_model && s->cold) {
		model_free(&w->model);
		w->have_model = false;
	}
	if (w->have_model) {
		if (model_update(&w->model, &sc, &err) != 0) {
			set_invalid(pt, &err);
			return;
		}
	} else {
		if (model_init(&w->model, &sc, &err) != 0) {
			model_free(&w->model);
			set_invalid(pt, &err);
			return;
		}
		w->have_model = true;
	}
	/* The solver itself falls back to a cold start where a warm run
	   cannot be trusted. */
	contract_solve(w->solver, &w->model, s->cold ? NULL : w->warm,
		       s->complete_info, &pt->contract);
	pt->valid = true;
	pt->reason[0] = '\0';
	pt->done = true;
	if (pt->contract.result == SOLVER_OK)
		w->warm = &pt->contract;
}

/*
 * Visits one position: solves it unless done, else takes its contract
 * as the warm start.  Returns 1 if it solved the point.
 */
static int visit(struct worker *w, int pos)
{
	int index = serpentine(w->sweep, pos);
	const struct sweep_point *pt = &w->sweep->points[index];

	if (!in_shard(w->sweep, index))
		return 0; /* another shard's */
	if (pt->done) {
		if (pt->valid && pt->contract.result == SOLVER_OK)
			w->warm = &pt->contract;
		return 0;
	}
	solve_point(w, pos);
	return 1;
}

/* Thread body: the worker's band, counting each point in shared. */
static void *worker_main(void *arg)
{
	struct worker *w = arg;

	for (int pos = w->first; pos < w->last; pos++)
		if (visit(w, pos)) {
			pthread_mutex_lock(&w->shared->lock);
			w->shared->done++;
			pthread_mutex_unlock(&w->shared->lock);
		}
	pthread_mutex_lock(&w->shared->lock);
	w->shared->running--;
	pthread_cond_signal(&w->shared->cond);
	pthread_mutex_unlock(&w->shared->lock);
	return NULL;
}

/* The estimated work of the point at position pos (0 if done). */
static double point_work(const struct sweep *s, int pos)
{
	int index = serpentine(s, pos);
	const struct sweep_point *pt = &s->points[index];
	double n = s->base.participants;
	size_t outcomes;

	if (pt->done || !in_shard(s, index))
		return 0.0;
	if (s->x.param == SWEEP_N)
		n = pt->x;
	else if (s->two_d && s->y.param == SWEEP_N)
		n = pt->y;
	if (model_resolve_method(s->base.method, (int)n, s->base.ntypes,
				 valuation_is_linear(&s->base.valuation)) ==
	    METHOD_APPROX)
		return POINT_OVERHEAD + APPROX_POINT_WORK;
	outcomes = scenario_outcome_count((int)n, s->base.ntypes);
	if (outcomes > CML_MAX_OUTCOMES)
		outcomes = 0; /* exact refused: invalid, nothing to solve */
	return POINT_OVERHEAD + (double)outcomes;
}

/*
 * Cuts the serpentine order into nbands contiguous bands of about equal
 * estimated work: band b is [first[b], first[b + 1]).
 */
static void split_bands(const struct sweep *s, int nbands, int *first)
{
	double total = 0.0, sum = 0.0;
	int b = 1;

	for (int pos = 0; pos < s->total; pos++)
		total += point_work(s, pos);
	first[0] = 0;
	for (int pos = 0; pos < s->total && b < nbands; pos++) {
		sum += point_work(s, pos);
		while (b < nbands && sum >= total * b / nbands)
			first[b++] = pos + 1;
	}
	while (b <= nbands)
		first[b++] = s->total;
}

/* Reports progress if it is time (or force); *last is the last report. */
static void report(struct shared *sh, int done_before, int total,
		   void (*progress)(void *, int, int), void *ctx, double *last,
		   bool force)
{
	double t = clock_seconds();
	int done;

	if (progress == NULL || (!force && t - *last < PROGRESS_INTERVAL))
		return;
	pthread_mutex_lock(&sh->lock);
	done = sh->done;
	pthread_mutex_unlock(&sh->lock);
	*last = t;
	progress(ctx, done_before + done, total);
}

/* The number of threads to use: asked, or the online CPUs, capped. */
static int thread_count(int asked, int left)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = asked > 0 ? asked : cpus > 0 ? (int)cpus : 1;

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	if (n > left)
		n = left;
	return n < 1 ? 1 : n;
}

int sweep_run(struct sweep *s, int threads,
	      void (*progress)(void *ctx, int done, int total), void *ctx)
{
	double started = clock_seconds(), last = started;
	struct worker workers[MAX_THREADS];
	int first[MAX_THREADS + 1];
	struct shared sh;
	pthread_condattr_t attr;
	int left = s->wanted - s->done, nbands, done_before = s->done;

	if (left == 0) {
		if (progress != NULL)
			progress(ctx, s->done, s->wanted);
		return 0;
	}
	nbands = thread_count(threads, left);
	memset(workers, 0, sizeof(workers));
	for (int b = 0; b < nbands; b++) {
		workers[b].solver = solver_create();
		if (workers[b].solver == NULL) {
			nbands = b;
			break;
		}
	}
	if (nbands == 0)
		return -1;
	split_bands(s, nbands, first);

	memset(&sh, 0, sizeof(sh));
	pthread_mutex_init(&sh.lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&sh.cond, &attr);
	pthread_condattr_destroy(&attr);

	/* Bands 1.. on new threads; band 0 (and any that fail) here. */
	bool started_thread[MAX_THREADS] = { false };
	for (int b = 0; b < nbands; b++) {
		workers[b].sweep = s;
		workers[b].first = first[b];
		workers[b].last = first[b + 1];
		workers[b].shared = &sh;
	}
	for (int b = 1; b < nbands; b++) {
		sh.running++;
		if (pthread_create(&workers[b].thread, NULL, worker_main,
				   &workers[b]) == 0)
			started_thread[b] = true;
		else
			sh.running--;
	}
	for (int b = 0; b < nbands; b++) {
		if (started_thread[b])
			continue;
		for (int pos = workers[b].first; pos < workers[b].last;
		     pos++) {
			if (visit(&workers[b], pos)) {
				pthread_mutex_lock(&sh.lock);
				sh.done++;
				pthread_mutex_unlock(&sh.lock);
			}
			report(&sh, done_before, s->wanted, progress, ctx,
			       &last, false);
		}
	}
	/* Wait for the others, reporting as they go. */
	pthread_mutex_lock(&sh.lock);
	while (sh.running > 0) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)(PROGRESS_INTERVAL * 1e9);
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&sh.cond, &sh.lock, &until);
		if (sh.running > 0 && progress != NULL) {
			pthread_mutex_unlock(&sh.lock);
			report(&sh, done_before, s->wanted, progress, ctx,
			       &last, false);
			pthread_mutex_lock(&sh.lock);
		}
	}
	pthread_mutex_unlock(&sh.lock);
	for (int b = 0; b < nbands; b++) {
		if (started_thread[b])
			pthread_join(workers[b].thread, NULL);
		worker_release(&workers[b]);
	}
	s->done = done_before + sh.done;
	pthread_cond_destroy(&sh.cond);
	pthread_mutex_destroy(&sh.lock);
	s->seconds += clock_seconds() - started;
	if (progress != NULL)
		progress(ctx, s->done, s->wanted);
	return 0;
}

int sweep_step(struct sweep *s, double seconds)
{
	double started = clock_seconds();
	struct worker *w = &s->stepper;

	if (s->next >= s->total)
		return s->done;
	if (w->solver == NULL) {
		w->solver = solver_create();
		if (w->solver == NULL)
			return -1;
	}
	while (s->next < s->total) {
		s->done += visit(w, s->next++);
		if (clock_seconds() - started >= seconds)
			break;
	}
	s->seconds += clock_seconds() - started;
	return s->done;
}
