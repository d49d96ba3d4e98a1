import { Module } from '@nestjs/common';
import { PublicationConfig } from '../publication.config';
import { localChannels, parseFaultDrills } from './channels/local-channels';
import { CHANNEL_ADAPTERS, DeliveryWorker } from './delivery.worker';
import { OutboundController, ResponsesController } from './responses.controller';
import { ResponsesRepository } from './responses.repository';
import { ResponsesService } from './responses.service';
import { WorkflowResponseRecorder } from './workflow-recorder';

@Module({
  controllers: [ResponsesController, OutboundController],
  providers: [
    ResponsesRepository,
    ResponsesService,
    WorkflowResponseRecorder,
    DeliveryWorker,
    { provide: CHANNEL_ADAPTERS, useFactory: (c: PublicationConfig) => localChannels(parseFaultDrills(c.PUBLICATION_CHANNEL_FAULTS)), inject: [PublicationConfig] },
  ],
  exports: [DeliveryWorker],
})
export class ResponsesModule {}
