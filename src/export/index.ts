// Public entry of RLVR data: the trajectory record, its store, and export to trainer dataset shapes.
export { trajectorySchema, type Trajectory } from './trajectory.js';
export { openTrajectoryStore, trajectoriesDir, type TrajectoryStore } from './store.js';
export { EXPORT_FORMATS, completionMessages, promptMessages, toRow, type ChatMessage, type ExportFormat } from './formats.js';
export { exportTrajectories, type ExportOptions, type ExportSummary } from './export.js';
