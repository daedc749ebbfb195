/**
 * RESERVED: "anomalies first" (detections) at the top of the Sign-ins view.
 *
 * The issue asks that sign-ins show anomalies first. Detections are not built yet; when they are
 * (main/core/detect, with findings that carry evidence record ids), this component is where they
 * go: the findings over sign-ins in the time span in view, each opening its evidence records in the
 * table below. Until then it renders nothing, on purpose: no placeholder pretending to detect.
 */
export function AnomaliesFirst(_props: { span: { fromMs: number; toMs: number } | null }) {
  return null;
}
