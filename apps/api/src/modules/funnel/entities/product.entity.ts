import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Equipment models, installation, service contracts, spare parts… */
@Entity('product_groups')
export class ProductGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('products_group_idx')
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => ProductGroup)
  @JoinColumn({ name: 'group_id' })
  group?: ProductGroup;

  /** Article number (артикул). */
  @Column({ type: 'varchar', length: 64, unique: true })
  sku: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'шт' })
  unit: string;

  /** RUB, exact. */
  @Column({ name: 'list_price', type: 'numeric', precision: 14, scale: 2 })
  listPrice: string;

  /** RUB, exact; what a unit costs us (profit per deal in the sales report). Null: not known. */
  @Column({ name: 'cost_price', type: 'numeric', precision: 14, scale: 2, nullable: true })
  costPrice: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
