import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Product } from '../../funnel/entities/product.entity';

export const EQUIPMENT_STATUSES = ['in_service', 'under_repair', 'decommissioned'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/**
 * One installed unit of equipment at a client's site: a catalogue model with its serial
 * number. Other modules (complaints) refer to units by id.
 */
@Entity('equipment_units')
@Index('equipment_units_model_serial_key', ['productId', 'serialNumber'], { unique: true })
@Check('equipment_units_status_check', `status IN ('in_service', 'under_repair', 'decommissioned')`)
export class EquipmentUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The model: a product of the catalogue. */
  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product)
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  /** As printed on the unit; unique per model, searched by prefix. */
  @Index('equipment_units_serial_idx')
  @Column({ name: 'serial_number', type: 'varchar', length: 64 })
  serialNumber: string;

  @Index('equipment_units_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'site_address', type: 'text', nullable: true })
  siteAddress: string | null;

  @Column({ name: 'installed_on', type: 'date', nullable: true })
  installedOn: string | null;

  @Column({ name: 'warranty_until', type: 'date', nullable: true })
  warrantyUntil: string | null;

  /** The service contract covering the unit, if any. */
  @Index('equipment_units_contract_idx')
  @Column({ name: 'service_contract_id', type: 'uuid', nullable: true })
  serviceContractId: string | null;

  /** The installation job that put it in (null for units registered by hand). */
  @Index('equipment_units_installation_idx')
  @Column({ name: 'installation_job_id', type: 'uuid', nullable: true })
  installationJobId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'in_service' })
  status: EquipmentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
