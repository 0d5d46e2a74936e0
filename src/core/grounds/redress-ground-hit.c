/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "redress-detector"

#include "config.h"

#include "redress-ground-hit.h"

/* RedressGroundHit: a ground the detector found, as a boxed type */

G_DEFINE_BOXED_TYPE (RedressGroundHit, redress_ground_hit,
                     redress_ground_hit_copy, redress_ground_hit_free)

RedressGroundHit *
redress_ground_hit_copy (const RedressGroundHit *hit)
{
  RedressGroundHit *copy;

  g_return_val_if_fail (hit != NULL, NULL);

  copy = g_memdup2 (hit, sizeof *hit);
  copy->code = g_strdup (hit->code);
  copy->provision = g_strdup (hit->provision);
  copy->quote = g_strdup (hit->quote);
  copy->language = g_strdup (hit->language);
  copy->entry_date = g_strdup (hit->entry_date);
  return copy;
}

void
redress_ground_hit_free (RedressGroundHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->code);
  g_free (hit->provision);
  g_free (hit->quote);
  g_free (hit->language);
  g_free (hit->entry_date);
  g_free (hit);
}
