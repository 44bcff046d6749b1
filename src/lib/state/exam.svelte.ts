// A deck's exam date: set or removed (the deck's cards rescheduled for it), and what it costs a
// day until then, simulated with and without it.

import { perDay, type SimResult } from '$lib/core/fsrs/simulate';
import { dayWindow, studyDayStart } from '$lib/core/queue';
import type { Exam } from '$lib/core/settings';
import { DAY } from '$lib/core/time';
import { examInWorker } from '$lib/workers/fsrs-client';
import { app } from './app.svelte';
import { runWorkload } from './workload.svelte';
import { timeNow } from './clock';

export interface ExamLoad {
	days: number;
	/** Reviews a day until the exam, without and with the exam date. */
	without: number;
	with: number;
	minutesWith: number;
	/** Cards expected to be recalled on the day, without and with. */
	rememberedWithout: number;
	rememberedWith: number;
}

export class ExamState {
	readonly deckId: string;
	#load = $state.raw<ExamLoad | null>(null);
	#busy = $state(false);
	#status = $state('');

	constructor(deckId: string) {
		this.deckId = deckId;
	}

	get exam(): Exam | null {
		return app.settings.exams[this.deckId] ?? null;
	}
	get load() {
		return this.#load;
	}
	get busy() {
		return this.#busy;
	}
	get status() {
		return this.#status;
	}

	/** The exam's date as the date field holds it (YYYY-MM-DD), '' when none. */
	get date(): string {
		const e = this.exam;
		if (!e) return '';
		// The exam's study day begins at the day-start hour of its local date.
		const d = new Date(e.at);
		return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	}

	/** Sets the exam from a date field's value and a target; bad input changes nothing. */
	async save(date: string, target: number): Promise<void> {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
		const offset = -new Date().getTimezoneOffset();
		const day = m ? Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY) : NaN;
		const today = dayWindow(timeNow(), app.settings.dayStartHour, offset).day;
		if (!Number.isFinite(day)) return void (this.#status = 'Nothing was saved: choose the exam\'s date.');
		if (day <= today) return void (this.#status = 'Nothing was saved: the exam date must be after today.');
		if (!(target >= 0.7 && target <= 0.99)) return void (this.#status = 'Nothing was saved: the target recall must be between 0.70 and 0.99.');
		// The screen simulates the load anew once the saved settings are read back.
		await this.#set({ at: studyDayStart(day, app.settings.dayStartHour, offset), target }, `Exam date saved: until then this deck's cards are kept at ${Math.round(target * 100)} % recall.`);
	}

	async remove(): Promise<void> {
		await this.#set(null, 'Exam date removed: this deck is scheduled as usual.');
		this.#load = null;
	}

	async #set(exam: Exam | null, message: string): Promise<void> {
		this.#busy = true;
		try {
			const report = await examInWorker(app.db, this.deckId, exam);
			await app.reloadSettings();
			this.#status = `${message} ${report.rescheduled} card${report.rescheduled === 1 ? '' : 's'} rescheduled.`;
		} finally {
			this.#busy = false;
		}
	}

	/** The daily reviews until the exam, with and without it, simulated on this deck's cards. */
	async estimate(): Promise<void> {
		const e = this.exam;
		if (!e) return;
		const s = app.settings;
		const now = timeNow();
		const days = Math.max(1, Math.ceil((e.at - now) / DAY));
		const [without, withExam] = (await runWorkload({
			dbName: app.db.name,
			now,
			days,
			newPerDay: s.newPerDay,
			maximumInterval: s.maximumInterval,
			parameters: s.parameters ? [...s.parameters] : null,
			exam: { deckId: this.deckId, day: days, target: e.target, retention: s.desiredRetention }
		})) as [SimResult, SimResult];
		this.#load = { days, without: perDay(without.reviews), with: perDay(withExam.reviews), minutesWith: perDay(withExam.minutes), rememberedWithout: without.remembered, rememberedWith: withExam.remembered };
	}
}
