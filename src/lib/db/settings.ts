// Settings and small facts about this install, kept in the meta table.

import { DEFAULT_SETTINGS, validateSettings, type StudySettings } from '$lib/core/settings';
import type { DocDeckDB } from './db';

/** The meta row the study settings are kept under (backups read and write it too). */
export const SETTINGS_KEY = 'studySettings';

/** The stored study settings; fields that are missing or invalid fall back to their defaults. */
export async function loadSettings(db: DocDeckDB): Promise<StudySettings> {
	const row = await db.meta.get(SETTINGS_KEY);
	const value = row?.value;
	const stored = (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Partial<Record<keyof StudySettings, unknown>>;
	const merged: Partial<Record<keyof StudySettings, unknown>> = { ...DEFAULT_SETTINGS };
	for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StudySettings)[]) {
		if (key in stored && validateSettings({ [key]: stored[key] }).ok) merged[key] = stored[key];
	}
	const checked = validateSettings(merged);
	return checked.ok ? checked.settings : { ...DEFAULT_SETTINGS };
}

/** Validates and stores the settings; invalid settings throw and change nothing. */
export async function saveSettings(db: DocDeckDB, settings: StudySettings): Promise<StudySettings> {
	const checked = validateSettings(settings);
	if (!checked.ok) throw new Error(Object.values(checked.problems).join(' '));
	await db.meta.put({ key: SETTINGS_KEY, value: checked.settings });
	return checked.settings;
}

export async function getMeta<T>(db: DocDeckDB, key: string): Promise<T | undefined> {
	return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: DocDeckDB, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}
