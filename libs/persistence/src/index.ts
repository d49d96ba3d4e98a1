export * from './entities/intake.entities';
export * from './entities/hotline.entities';
export * from './entities/routing.entities';
export * from './entities/ledger.entities';
export * from './entities/policy.entities';
export * from './data-source';
export * from './field-cipher';
export * from './entities/disclosure.entities';
