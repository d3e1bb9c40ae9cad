/*
 * solve-worker.c - one solving thread behind a job slot and an answer
 * slot, woken by a condition variable, announcing answers on a pipe.
 */
#include "solve-worker.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"

struct solve_worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;       /* a job was queued, or quit */
	pthread_cond_t settled;    /* a job was answered or dropped */
	int pipe_fds[2];           /* [0] readable while an answer waits */
	atomic_bool cancel;        /* stops the running solve */
	struct solver *solver;     /* the worker thread's alone */
	struct model model;        /* likewise */
	bool have_model;
	/* Under lock: */
	struct solve_job pending;
	bool has_pending;
	bool running;              /* a job is being solved */
	unsigned long last_id;     /* ids handed out */
	unsigned long wanted;      /* the job whose answer is kept, 0: none */
	double queued_at;          /* clock_seconds() of the newest job */
	struct solve_answer answer;
	bool has_answer;
	bool quit;
	int maxeval;               /* for the next job's solver, 0: default */
	/* The worker thread's copy of the job it is solving. */
	struct solve_job job;
};

/* Solves w->job into out (worker thread, lock not held). */
static void solve_job(struct solve_worker *w, struct solve_answer *out)
{
	const struct solve_job *job = &w->job;
	struct cml_error err;
	double started = clock_seconds();
	int status = w->have_model ?
			     model_update(&w->model, &job->scenario, &err) :
			     model_init(&w->model, &job->scenario, &err);

	memset(out, 0, sizeof(*out));
	out->id = job->id;
	out->scenario = job->scenario;
	if (status != 0) {
		if (!w->have_model)
			memset(&w->model, 0, sizeof(w->model));
		snprintf(out->error, sizeof(out->error), "%s", err.msg);
		return;
	}
	w->have_model = true;
	enum solver_result result = contract_solve(
		w->solver, &w->model, job->have_warm ? &job->warm : NULL,
		job->complete_info, &out->contract);
	out->ok = result >= 0;
	if (!out->ok)
		snprintf(out->error, sizeof(out->error), "%s",
			 solver_result_string(result));
	out->seconds = clock_seconds() - started;
}

static void *worker_main(void *data)
{
	struct solve_worker *w = data;
	struct solve_answer *answer = malloc(sizeof(*answer));

	pthread_mutex_lock(&w->lock);
	while (answer != NULL) {
		while (!w->has_pending && !w->quit)
			pthread_cond_wait(&w->wake, &w->lock);
		if (w->quit)
			break;
		w->job = w->pending;
		w->has_pending = false;
		if (w->maxeval > 0)
			solver_set_maxeval(w->solver, w->maxeval);
		w->running = true;
		atomic_store(&w->cancel, false);
		pthread_mutex_unlock(&w->lock);
		solve_job(w, answer);
		pthread_mutex_lock(&w->lock);
		w->running = false;
		if (answer->id == w->wanted && !atomic_load(&w->cancel)) {
			w->answer = *answer;
			w->has_answer = true;
			(void)!write(w->pipe_fds[1], "a", 1);
		}
		pthread_cond_broadcast(&w->settled);
	}
	pthread_mutex_unlock(&w->lock);
	free(answer);
	return NULL;
}

struct solve_worker *solve_worker_create(double maxtime)
{
	struct solve_worker *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->solver = solver_create();
	if (w->solver == NULL || pipe(w->pipe_fds) != 0) {
		solver_free(w->solver);
		free(w);
		return NULL;
	}
	for (int k = 0; k < 2; k++)
		fcntl(w->pipe_fds[k], F_SETFL,
		      fcntl(w->pipe_fds[k], F_GETFL) | O_NONBLOCK);
	solver_set_maxtime(w->solver, maxtime);
	atomic_init(&w->cancel, false);
	solver_set_cancel(w->solver, &w->cancel);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->settled, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		close(w->pipe_fds[0]);
		close(w->pipe_fds[1]);
		solver_free(w->solver);
		free(w);
		return NULL;
	}
	return w;
}

void solve_worker_free(struct solve_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->quit = true;
	atomic_store(&w->cancel, true);
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->settled);
	close(w->pipe_fds[0]);
	close(w->pipe_fds[1]);
	if (w->have_model)
		model_free(&w->model);
	solver_free(w->solver);
	free(w);
}

/* Empties the pipe (lock held): the answer slot is empty again. */
static void drain(struct solve_worker *w)
{
	char buf[16];

	while (read(w->pipe_fds[0], buf, sizeof(buf)) > 0)
		;
}

unsigned long solve_worker_submit(struct solve_worker *w,
				  const struct solve_job *job)
{
	pthread_mutex_lock(&w->lock);
	w->pending = *job;
	w->pending.id = ++w->last_id;
	w->has_pending = true;
	w->wanted = w->pending.id;
	w->queued_at = clock_seconds();
	w->has_answer = false;
	drain(w);
	if (w->running)
		atomic_store(&w->cancel, true);
	pthread_cond_signal(&w->wake);
	unsigned long id = w->pending.id;
	pthread_mutex_unlock(&w->lock);
	return id;
}

void solve_worker_cancel(struct solve_worker *w)
{
	pthread_mutex_lock(&w->lock);
	w->has_pending = false;
	w->wanted = 0;
	w->has_answer = false;
	drain(w);
	if (w->running)
		atomic_store(&w->cancel, true);
	pthread_cond_broadcast(&w->settled);
	pthread_mutex_unlock(&w->lock);
}

void solve_worker_set_maxeval(struct solve_worker *w, int maxeval)
{
	pthread_mutex_lock(&w->lock);
	w->maxeval = maxeval;
	pthread_mutex_unlock(&w->lock);
}

int solve_worker_fd(const struct solve_worker *w)
{
	return w->pipe_fds[0];
}

/* Takes the answer (lock held). */
static bool take_locked(struct solve_worker *w, struct solve_answer *out)
{
	if (!w->has_answer)
		return false;
	*out = w->answer;
	w->has_answer = false;
	drain(w);
	return true;
}

bool solve_worker_take(struct solve_worker *w, struct solve_answer *out)
{
	pthread_mutex_lock(&w->lock);
	bool taken = take_locked(w, out);
	pthread_mutex_unlock(&w->lock);
	return taken;
}

bool solve_worker_wait(struct solve_worker *w, struct solve_answer *out)
{
	pthread_mutex_lock(&w->lock);
	while (!w->has_answer && w->wanted != 0 &&
	       (w->has_pending || w->running))
		pthread_cond_wait(&w->settled, &w->lock);
	bool taken = take_locked(w, out);
	pthread_mutex_unlock(&w->lock);
	return taken;
}

bool solve_worker_busy(struct solve_worker *w, double *since)
{
	pthread_mutex_lock(&w->lock);
	bool busy = w->wanted != 0 && (w->has_pending || w->running);
	if (since != NULL)
		*since = w->queued_at;
	pthread_mutex_unlock(&w->lock);
	return busy;
}
