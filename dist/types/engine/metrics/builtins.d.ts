export * from '../../metric-catalogue.ts';
