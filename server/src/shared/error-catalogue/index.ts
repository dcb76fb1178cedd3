/**
 * Every error code the platform answers on purpose, with its status and its Chinese and English
 * messages — one place, grouped by feature. `problem(code, …)` in ../errors.ts builds the error; a
 * misspelt code or a missing parameter fails the type check. The engine's own refusals
 * (engine/errors.ts) carry their texts across the port and are mapped in ../problem.ts.
 */
import { approvalErrors } from './approval.ts';
import { bundleErrors } from './bundles.ts';
import { commonErrors } from './common.ts';
import { hotlineErrors } from './hotline.ts';
import { intakeErrors } from './intake.ts';
import { peopleErrors } from './people.ts';
import { processErrors } from './processes.ts';
import { recordErrors } from './records.ts';
import type { ErrorEntry } from './entry.ts';

/** The groups, kept apart so the catalogue test can see a code written in two of them. */
export const errorGroups = { commonErrors, peopleErrors, intakeErrors, approvalErrors, processErrors, recordErrors, hotlineErrors, bundleErrors };

export const errorCatalogue = { ...commonErrors, ...peopleErrors, ...intakeErrors, ...approvalErrors, ...processErrors, ...recordErrors, ...hotlineErrors, ...bundleErrors };

export type ErrorCode = keyof typeof errorCatalogue;
export type ErrorParams<C extends ErrorCode> = (typeof errorCatalogue)[C] extends ErrorEntry<infer P> ? P : never;
export type { NotFoundSubject } from './common.ts';
