import { Entity, PrimaryColumn, Unique } from 'typeorm';
import { TextColumn } from './columns.js';

/** Dense integer keys for the values the ledger lines and rollups group by (ids, provinces, disciplines). */
@Entity('ledger_keys')
@Unique('uq_ledger_keys_value', ['kind', 'value'])
export class LedgerKeyEntity {
  @PrimaryColumn({ name: 'kind', type: 'smallint', primaryKeyConstraintName: 'pk_ledger_keys' }) kind!: number;
  @PrimaryColumn({ name: 'key', type: 'integer', primaryKeyConstraintName: 'pk_ledger_keys' }) key!: number;
  @TextColumn('value', 200) value!: string;
}
