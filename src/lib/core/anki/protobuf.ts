// A small reader for protocol buffers, the binary records current Anki stores its note types,
// templates, decks and media lists in. Only what reading needs: fields by number, no schema.
// Bounds are checked at every step, so damaged bytes give a ProtobufError, never a hang.

export class ProtobufError extends Error {
	override name = 'ProtobufError';
}

/** One field's value: a number for varints and fixed-width numbers, bytes for everything length-delimited. */
export type WireValue = number | Uint8Array;

/** A decoded message: each field number with its values in the order they appeared. */
export class Message {
	readonly #fields = new Map<number, WireValue[]>();

	static decode(bytes: Uint8Array | null | undefined): Message {
		const m = new Message();
		if (!bytes) return m;
		let at = 0;
		const varint = (): number => {
			let result = 0;
			let scale = 1;
			for (let i = 0; i < 10; i++) {
				if (at >= bytes.length) throw new ProtobufError('a number runs past the end of the record');
				const b = bytes[at++]!;
				if (i === 7 && b & 0x80) return long(at - 8);
				result += (b & 0x7f) * scale;
				scale *= 128;
				if (!(b & 0x80)) return result;
			}
			throw new ProtobufError('a number is longer than ten bytes');
		};
		// Nine or ten bytes: a 64-bit number, read exactly and taken as signed (int64 ids below zero).
		const long = (start: number): number => {
			let big = 0n;
			for (let i = 0; i < 10; i++) {
				if (start + i >= bytes.length) throw new ProtobufError('a number runs past the end of the record');
				const b = bytes[start + i]!;
				big |= BigInt(b & 0x7f) << BigInt(7 * i);
				if (!(b & 0x80)) {
					at = start + i + 1;
					return Number(BigInt.asIntN(64, big));
				}
			}
			throw new ProtobufError('a number is longer than ten bytes');
		};
		while (at < bytes.length) {
			const key = varint();
			const field = Math.floor(key / 8);
			const wire = key % 8;
			if (field < 1) throw new ProtobufError('a field number is zero');
			let value: WireValue;
			if (wire === 0) value = varint();
			else if (wire === 1 || wire === 5) {
				const size = wire === 1 ? 8 : 4;
				if (at + size > bytes.length) throw new ProtobufError('a fixed-width number runs past the end of the record');
				const view = new DataView(bytes.buffer, bytes.byteOffset + at, size);
				value = size === 8 ? view.getFloat64(0, true) : view.getUint32(0, true);
				at += size;
			} else if (wire === 2) {
				const length = varint();
				if (at + length > bytes.length) throw new ProtobufError('a field runs past the end of the record');
				value = bytes.subarray(at, at + length);
				at += length;
			} else throw new ProtobufError(`unknown wire type ${wire}`);
			const list = m.#fields.get(field);
			if (list) list.push(value);
			else m.#fields.set(field, [value]);
		}
		return m;
	}

	#last(field: number): WireValue | undefined {
		const list = this.#fields.get(field);
		return list?.[list.length - 1];
	}

	/** A varint field (0 when absent, as protobuf defines); 64-bit ones are read as signed. Beyond
	 * 2^53 a number is not exact: ids that large are refused by the range checks later. */
	number(field: number): number {
		const v = this.#last(field);
		return typeof v === 'number' ? v : 0;
	}

	bool(field: number): boolean {
		return this.number(field) !== 0;
	}

	has(field: number): boolean {
		return this.#fields.has(field);
	}

	bytes(field: number): Uint8Array | undefined {
		const v = this.#last(field);
		return v instanceof Uint8Array ? v : undefined;
	}

	/** A string field ('' when absent). Invalid UTF-8 is replaced, never thrown. */
	string(field: number): string {
		const v = this.bytes(field);
		return v ? new TextDecoder().decode(v) : '';
	}

	/** An embedded message (empty when absent). */
	message(field: number): Message {
		return Message.decode(this.bytes(field));
	}

	/** Every value of a repeated embedded-message field. */
	messages(field: number): Message[] {
		return (this.#fields.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array).map((v) => Message.decode(v));
	}
}
