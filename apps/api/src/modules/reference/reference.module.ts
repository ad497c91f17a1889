import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller';
import { ReferenceDirectory } from './reference-directory';

@Module({ controllers: [ReferenceController], providers: [ReferenceDirectory], exports: [ReferenceDirectory] })
export class ReferenceModule {}
