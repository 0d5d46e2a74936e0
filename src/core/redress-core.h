/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "redress-case.h"
#include "redress-client.h"
#include "redress-client-list.h"
#include "redress-deadlines.h"
#include "redress-demo.h"
#include "redress-document.h"
#include "redress-error.h"
#include "redress-event.h"
#include "redress-field.h"
#include "redress-firm.h"
#include "redress-record.h"
#include "redress-remedies.h"
#include "redress-store.h"
#include "redress-store-documents.h"
