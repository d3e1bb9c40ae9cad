/*
 * menu.c - cheapest rewards for given contributions.
 */
#include "menu.h"

void menu_min_rewards(const struct model *mdl, const double *m, double *t)
{
	int types = mdl->ntypes;

	for (int i = 0; i < types; i++)
		t[i] = mdl->reserve[i].profit + mdl->cost[i] * m[i];
	/*
	 * Bellman-Ford relaxation.  For monotone m every cycle of the
	 * constraint graph has weight (c_i - c_j)(m_i - m_j) <= 0, so I
	 * rounds reach the fixed point.
	 */
	for (int round = 0; round < types; round++) {
		bool changed = false;
		for (int i = 0; i < types; i++)
			for (int j = 0; j < types; j++) {
				double need = t[j] + mdl->cost[i] * (m[i] - m[j]);
				if (need > t[i]) {
					t[i] = need;
					changed = true;
				}
			}
		if (!changed)
			break;
	}
}
