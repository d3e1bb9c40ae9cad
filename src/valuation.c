/*
 * valuation.c - the valuation families.
 *
 * linear: v(x) = scale * x, the paper's choice (scale 100: a perfect model
 * is worth 100).  scale is limited to [10, 1e6]: the solver's feasibility
 * tolerance is absolute (1e-9), so below 10 it is looser than the checks'
 * 1e-8 on the paper's scale (seen: scale 0.1 leaves budgets violated by
 * 9e-10), and above 1e6 rounding alone exceeds it (scale 1e9: 1.2e-7,
 * reported infeasible).  Every family shares that range for its scale.
 *
 * power: v(x) = scale * x^gamma, gamma in [0.2, 1].  v'(0) is infinite
 * for gamma < 1, and NLopt must never see an infinite gradient, so below
 * the knee k = POWER_KNEE v is the quadratic alpha x + beta x^2 that
 * starts at v(0) = 0 and meets the curve at k with the same value and
 * slope: v' stays continuous (a jump in it would leave costs at which a
 * stand-alone party has no stationary point), v stays increasing, concave
 * and invertible, and it is scale x^gamma wherever an accuracy has any
 * meaning (x >= 1e-12).  gamma is held to [0.2, 1], the range whose
 * corners tests/test-ranges.c solves: v'(0) = (2 - gamma) scale
 * 1e-12^(gamma - 1) is already 7e9 scale at 0.2 and grows tenfold for
 * every 0.08 below it, which makes the budgets ever steeper just above
 * the accuracy threshold.
 *
 * cara: v(x) = scale (1 - exp(-lambda x)) / (1 - exp(-lambda)),
 * lambda in [0.01, 20]: constant absolute risk aversion, normalised so
 * that v(1) = scale.  Near lambda 0 it tends to linear; at 20 a model of
 * accuracy 0.5 is already worth all but 5e-5 of a perfect one (v'(1) is
 * 4e-8 scale), so larger lambdas would leave the budgets' differences
 * near rounding.  [0.01, 20] is the range whose corners are tested.
 */
#include "valuation.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Below this accuracy the power valuation is a quadratic (see above). */
#define POWER_KNEE 1e-12

/* The scale every family shares: value of a model with accuracy 1. */
#define SCALE_PARAM                                                  \
	{                                                            \
		.key = "scale",                                      \
		.label = "scale",                                    \
		.unit = "value of a perfect model",                  \
		.min = 10,                                           \
		.max = 1e6,                                          \
		.min_open = false,                                   \
		.def = 100,                                          \
		.step = 0.01,                                        \
		.help = "Money value of a model with accuracy 1.",   \
	}

static const struct param_desc linear_params[] = {
	SCALE_PARAM,
};

static double linear_eval(const struct valuation *val, double x, double *d1,
			  double *d2)
{
	if (d1 != NULL)
		*d1 = val->param[0];
	if (d2 != NULL)
		*d2 = 0.0;
	return val->param[0] * x;
}

static double linear_inverse(const struct valuation *val, double y)
{
	return y / val->param[0];
}

static const struct valuation_family linear_family = {
	.name = "linear",
	.summary = "v(x) = scale * x",
	.nparams = 1,
	.params = linear_params,
	.eval = linear_eval,
	.inverse = linear_inverse,
};

static const struct param_desc power_params[] = {
	SCALE_PARAM,
	{
		.key = "gamma",
		.label = "gamma",
		.unit = "",
		.min = 0.2,
		.max = 1,
		.min_open = false,
		.def = 0.5,
		.step = 0.01,
		.help = "Exponent of x^gamma: below 1, each further point of "
			"accuracy is worth less (1 is linear).",
	},
};

/*
 * The quadratic below the knee: with s = scale k^(gamma - 1),
 * alpha = (2 - gamma) s and beta = (gamma - 1) s / k match v(k) = s k and
 * v'(k) = gamma s.
 */
static void power_quadratic(const struct valuation *val, double *alpha,
			    double *beta)
{
	double gamma = val->param[1];
	double s = val->param[0] * pow(POWER_KNEE, gamma - 1.0);

	*alpha = (2.0 - gamma) * s;
	*beta = (gamma - 1.0) * s / POWER_KNEE;
}

/* v, v', v'' of scale x^gamma right of the knee, of the quadratic left. */
static double power_eval(const struct valuation *val, double x, double *d1,
			 double *d2)
{
	double scale = val->param[0], gamma = val->param[1];

	if (x < POWER_KNEE) {
		double alpha, beta;
		power_quadratic(val, &alpha, &beta);
		if (d1 != NULL)
			*d1 = alpha + 2.0 * beta * x;
		if (d2 != NULL)
			*d2 = 2.0 * beta;
		return x * (alpha + beta * x);
	}
	double power = pow(x, gamma); /* x^gamma */
	if (d1 != NULL)
		*d1 = scale * gamma * power / x;
	if (d2 != NULL)
		*d2 = scale * gamma * (gamma - 1.0) * power / (x * x);
	return scale * power;
}

static double power_inverse(const struct valuation *val, double y)
{
	double scale = val->param[0], gamma = val->param[1];
	double knee_value = scale * pow(POWER_KNEE, gamma);

	if (y < knee_value) {
		/* The root of beta x^2 + alpha x = y in [0, k], without
		 * cancellation (alpha^2 + 4 beta y >= (gamma s)^2 there). */
		double alpha, beta;
		power_quadratic(val, &alpha, &beta);
		double disc = fmax(alpha * alpha + 4.0 * beta * y, 0.0);
		return 2.0 * y / (alpha + sqrt(disc));
	}
	return pow(y / scale, 1.0 / gamma);
}

static const struct valuation_family power_family = {
	.name = "power",
	.summary = "v(x) = scale * x^gamma",
	.nparams = 2,
	.params = power_params,
	.eval = power_eval,
	.inverse = power_inverse,
};

static const struct param_desc cara_params[] = {
	SCALE_PARAM,
	{
		.key = "lambda",
		.label = "lambda",
		.unit = "",
		.min = 0.01,
		.max = 20,
		.min_open = false,
		.def = 3,
		.step = 0.01,
		.help = "Risk aversion of (1 - exp(-lambda x)): the larger, "
			"the sooner more accuracy stops adding value.",
	},
};

/* scale / (1 - exp(-lambda)): v(x) = norm (1 - exp(-lambda x)). */
static double cara_norm(const struct valuation *val)
{
	return val->param[0] / -expm1(-val->param[1]);
}

static double cara_eval(const struct valuation *val, double x, double *d1,
			double *d2)
{
	double lambda = val->param[1], norm = cara_norm(val);
	double slope = norm * lambda * exp(-lambda * x);

	if (d1 != NULL)
		*d1 = slope;
	if (d2 != NULL)
		*d2 = -lambda * slope;
	return -norm * expm1(-lambda * x);
}

static double cara_inverse(const struct valuation *val, double y)
{
	double lambda = val->param[1], share = y / cara_norm(val);

	/* v tends to norm as x grows: no finite x reaches it. */
	if (!(share < 1.0))
		return DBL_MAX;
	return -log1p(-share) / lambda;
}

static const struct valuation_family cara_family = {
	.name = "cara",
	.summary = "v(x) = scale * (1 - exp(-lambda x)) / (1 - exp(-lambda))",
	.nparams = 2,
	.params = cara_params,
	.eval = cara_eval,
	.inverse = cara_inverse,
};

const struct valuation_family *const valuation_families[] = {
	&linear_family,
	&power_family,
	&cara_family,
	NULL,
};

const struct valuation_family *valuation_family_find(const char *name)
{
	for (int i = 0; valuation_families[i] != NULL; i++)
		if (strcmp(valuation_families[i]->name, name) == 0)
			return valuation_families[i];
	return NULL;
}

void valuation_init_default(struct valuation *val,
			    const struct valuation_family *family)
{
	memset(val, 0, sizeof(*val));
	val->family = family;
	for (int i = 0; i < family->nparams; i++)
		val->param[i] = family->params[i].def;
}

int valuation_prepare(const struct valuation *val, char *why, size_t size)
{
	for (int i = 0; i < val->family->nparams; i++)
		if (param_check(&val->family->params[i], val->param[i], why,
				size) != 0)
			return -1;
	return 0;
}

int valuation_param_index(const struct valuation_family *family,
			  const char *key)
{
	for (int i = 0; i < family->nparams; i++)
		if (strcmp(family->params[i].key, key) == 0)
			return i;
	return -1;
}

bool valuation_is_linear(const struct valuation *val)
{
	return val->family == &linear_family ||
	       (val->family == &power_family && val->param[1] == 1.0);
}
