import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from './client.entity';

/** The key-client dossier (SPEC.md §1): market, goals, purchase behaviour, needs. */
export interface DossierContent {
  industryTrends: string | null;
  keySuccessFactors: string | null;
  marketShare: string | null;
  competitors: string[];
  goals: {
    marketShare: string | null;
    newCustomers: string | null;
    assortment: string | null;
    costCut: string | null;
    newProducts: string | null;
    newBranches: string | null;
  };
  purchaseBehaviour: string | null;
  potentialNeeds: string | null;
}

@Entity('client_dossiers')
export class ClientDossier {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @OneToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ type: 'jsonb' })
  content: DossierContent;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
