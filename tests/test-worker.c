/*
 * test-worker.c - solving off the caller's thread: answers match a
 * direct solve, only the newest job is answered, cancelled jobs are not,
 * and a scenario the model refuses comes back as an error.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "presets.h"
#include "solve-worker.h"
#include "testutil.h"

static struct solve_job job;
static struct solve_answer answer;

/* Twelve types at N = 10: a solve that takes a while. */
static void slow_scenario(struct scenario *sc)
{
	double cost[12], prob[12];

	for (int i = 0; i < 12; i++) {
		cost[i] = 0.5 * pow(0.6, i);
		prob[i] = 1.0 / 12.0;
	}
	test_scenario(sc, 10, 12, cost, prob);
}

static void test_answer_matches_direct_solve(void **state)
{
	(void)state;
	struct solve_worker *w = solve_worker_create(10.0);
	struct cml_error err;
	struct model mdl;
	struct contract direct;

	assert_non_null(w);
	memset(&job, 0, sizeof(job));
	assert_int_equal(preset_load(preset_find("scenario3"), &job.scenario,
				     &err), 0);
	unsigned long id = solve_worker_submit(w, &job);
	assert_true(solve_worker_wait(w, &answer));
	assert_true(answer.id == id && answer.ok);
	assert_false(solve_worker_busy(w, NULL));
	test_model(&mdl, &job.scenario);
	assert_int_equal(test_solve(&mdl, false, &direct), SOLVER_OK);
	assert_true(fabs(answer.contract.expected_value -
			 direct.expected_value) < 1e-9);
	/* A warm start from that answer gives the same contract. */
	job.warm = answer.contract;
	job.have_warm = true;
	(void)solve_worker_submit(w, &job);
	assert_true(solve_worker_wait(w, &answer));
	assert_true(fabs(answer.contract.expected_value -
			 direct.expected_value) < 1e-9);
	model_free(&mdl);
	solve_worker_free(w);
}

/* A newer job supersedes a running one: only its answer comes. */
static void test_newest_job_wins(void **state)
{
	(void)state;
	struct solve_worker *w = solve_worker_create(10.0);
	struct cml_error err;

	assert_non_null(w);
	memset(&job, 0, sizeof(job));
	slow_scenario(&job.scenario);
	(void)solve_worker_submit(w, &job);
	assert_true(solve_worker_busy(w, NULL));
	assert_int_equal(preset_load(preset_find("twotype"), &job.scenario,
				     &err), 0);
	unsigned long newest = solve_worker_submit(w, &job);
	assert_true(solve_worker_wait(w, &answer));
	assert_true(answer.id == newest && answer.ok);
	assert_int_equal(answer.scenario.ntypes, 2);
	assert_int_equal(answer.contract.ntypes, 2);
	/* Nothing else is waiting. */
	assert_false(solve_worker_take(w, &answer));
	solve_worker_free(w);
}

/* A cancelled job is never answered; the worker takes the next one. */
static void test_cancel(void **state)
{
	(void)state;
	struct solve_worker *w = solve_worker_create(10.0);
	struct cml_error err;

	assert_non_null(w);
	memset(&job, 0, sizeof(job));
	slow_scenario(&job.scenario);
	(void)solve_worker_submit(w, &job);
	solve_worker_cancel(w);
	assert_false(solve_worker_wait(w, &answer));
	assert_false(solve_worker_busy(w, NULL));
	assert_false(solve_worker_take(w, &answer));
	assert_int_equal(preset_load(preset_find("twotype"), &job.scenario,
				     &err), 0);
	(void)solve_worker_submit(w, &job);
	assert_true(solve_worker_wait(w, &answer) && answer.ok);
	/* Freed while a solve runs: it stops and joins. */
	slow_scenario(&job.scenario);
	(void)solve_worker_submit(w, &job);
	solve_worker_free(w);
}

/* Types out of cost order cannot be modelled: an error, not a crash. */
static void test_refused_scenario(void **state)
{
	(void)state;
	struct solve_worker *w = solve_worker_create(10.0);
	const double cost[2] = { 0.01, 0.02 }, prob[2] = { 0.5, 0.5 };

	assert_non_null(w);
	memset(&job, 0, sizeof(job));
	test_scenario(&job.scenario, 10, 2, cost, prob);
	(void)solve_worker_submit(w, &job);
	assert_true(solve_worker_wait(w, &answer));
	assert_false(answer.ok);
	assert_non_null(strstr(answer.error, "sorted"));
	solve_worker_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_matches_direct_solve),
		cmocka_unit_test(test_newest_job_wins),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_refused_scenario),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
