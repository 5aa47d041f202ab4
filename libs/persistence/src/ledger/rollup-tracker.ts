import { RollupTracker } from '#scheduling';
import { packedLineCount, type EncodedCells } from './rollup-accumulator.js';
import type { RollupEngine } from './rollup-engine.js';
import type { LedgerSql } from './ledger-sql.js';

/** One committed batch, as the ledger saw it inside the batch's transaction. */
export interface AppendedBatch {
  /** The highest seq before the batch, and the highest it appended. */
  before: number;
  top: number;
  rolledUpTo: number;
  linesRevision: number;
  /** The batch's counted lines, packed (see packCountedLines): handed on to the engine, not copied. */
  countedLines: Float64Array;
  activities: number;
}

/** A range of seqs (from, to] whose cell changes the engine is encoding. */
interface Sealed {
  from: number;
  to: number;
  generation: number;
  cells: Promise<EncodedCells[] | Error>;
  settled: boolean;
}

/**
 * The TypeORM tracker: the batches' counted lines go to a RollupEngine (a worker thread in the
 * built service) as each batch commits; every `step` activities the engine seals what it holds and
 * the tracker writes it in one transaction that moves the watermark to the range's top. It follows
 * only batches that continue each other on a watermark and a lines revision it knows; a write
 * checks both again under the ledger lock, so nothing is ever counted twice or from stale lines.
 */
export class TypeormRollupTracker extends RollupTracker {
  private generation = 0;
  /** `base`: where the rollups are written up to; `sealedTo`/`to`: the lines sealed and added so far. */
  private followed: { base: number; sealedTo: number; to: number; linesRevision: number; sinceSeal: number } | null = null;
  private readonly queue: Sealed[] = [];
  private closed = false;

  constructor(
    private readonly inTransaction: <T>(work: (sql: LedgerSql) => Promise<T>) => Promise<T>,
    /** Called once, with the first batch's count of counted lines: a thread pays only for a big import. */
    private readonly startEngine: (firstBatchLines: number) => RollupEngine,
    private readonly step: number,
  ) {
    super();
  }

  private started: RollupEngine | null = null;

  private get engine(): RollupEngine {
    return this.started!;
  }

  /** Called once the batch's transaction has committed. */
  appended(batch: AppendedBatch): void {
    if (this.closed) return;
    const followed = this.followed;
    if (!followed || batch.before !== followed.to || batch.rolledUpTo !== followed.base || batch.linesRevision !== followed.linesRevision) {
      this.drop();
      // Rollups behind lines this tracker never saw: the catch-up reads those (and these) back.
      if (batch.rolledUpTo !== batch.before) return;
      this.followed = { base: batch.before, sealedTo: batch.before, to: batch.before, linesRevision: batch.linesRevision, sinceSeal: 0 };
    }
    const current = this.followed!;
    this.started ??= this.startEngine(packedLineCount(batch.countedLines));
    this.engine.add(batch.countedLines);
    current.to = batch.top;
    current.sinceSeal += batch.activities;
    if (current.sinceSeal >= this.step) this.seal();
  }

  async writeReady(): Promise<void> {
    while (this.queue[0]?.settled) await this.write(this.queue.shift()!);
  }

  async finish(): Promise<void> {
    if (this.followed && this.followed.to > this.followed.sealedTo) this.seal();
    while (this.queue.length > 0) await this.write(this.queue.shift()!);
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.drop();
    await this.started?.close();
  }

  private seal(): void {
    const followed = this.followed!;
    const entry: Sealed = {
      from: followed.sealedTo,
      to: followed.to,
      generation: this.generation,
      settled: false,
      cells: this.engine.seal().then(
        (cells) => cells,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    };
    void entry.cells.then(() => (entry.settled = true));
    this.queue.push(entry);
    followed.sealedTo = followed.to;
    followed.sinceSeal = 0;
  }

  /** Forgets what it holds: the ledger moved under it, or it stops. */
  private drop(): void {
    if (this.followed || this.queue.length > 0) this.started?.reset();
    this.generation++;
    this.followed = null;
    this.queue.length = 0;
  }

  private async write(entry: Sealed): Promise<void> {
    const cells = await entry.cells;
    if (entry.generation !== this.generation || !this.followed) return;
    if (cells instanceof Error) {
      // A failed rollup thread costs speed, not correctness: the catch-up reads the lines instead.
      this.drop();
      return;
    }
    const linesRevision = this.followed.linesRevision;
    const written = await this.inTransaction(async (sql) => {
      await sql.lock();
      const state = await sql.rollupState();
      if (state.rolledUpTo !== entry.from || state.linesRevision !== linesRevision) return false;
      for (const chunk of cells) await sql.addEncodedCells(chunk);
      await sql.setRolledUpTo(entry.to);
      return true;
    });
    if (written && entry.generation === this.generation && this.followed) this.followed.base = entry.to;
    else this.drop();
  }
}
