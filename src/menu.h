/*
 * menu.h - the contract menu (m_i, t_i) and its cheapest rewards.
 *
 * Given contributions m (non-decreasing in the type index), the smallest
 * rewards t that satisfy every IR and IC constraint are unique: they are
 * the longest paths of the difference constraints
 *     t_i >= f_i + c_i m_i,     t_i >= t_j + c_i (m_i - m_j).
 * Where the paper's Theorem 1 holds they are the adjacent chain
 * t_1 = f_1 + c_1 m_1, t_i = t_{i-1} + c_i (m_i - m_{i-1}).
 */
#ifndef CML_MENU_H
#define CML_MENU_H

#include "model.h"

/* Fills t (length I) with the cheapest IR- and IC-compatible rewards. */
void menu_min_rewards(const struct model *mdl, const double *m, double *t);

#endif
