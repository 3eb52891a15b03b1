import { useId, useMemo } from 'react';
import {
  type BoundaryGeometry,
  boundsOf,
  fitProjection,
  projectPolygons,
  toSvgPath,
} from '../../../../lib/geo/map-geometry';
import { useNeighborhood } from '../../../../lib/reference-data/neighborhoods';

/** About 300 m either side of the pin when there is no boundary to frame it. */
const FALLBACK_SPAN_DEGREES = 0.003;

/**
 * Where the request is: a pin inside its neighborhood's outline, drawn as SVG over a plain
 * background (no tile server, so it works offline). The text beside it says the same.
 */
export function LocationMap({
  lat,
  lon,
  neighborhoodId,
  label,
}: {
  lat: number;
  lon: number;
  neighborhoodId: string | null;
  label: string;
}) {
  const titleId = useId();
  const neighborhoodQuery = useNeighborhood(neighborhoodId);
  const boundary = (neighborhoodQuery.data?.boundary ?? null) as BoundaryGeometry | null;

  const drawing = useMemo(() => {
    const bounds = boundsOf(boundary ? [boundary] : []) ?? [
      lon - FALLBACK_SPAN_DEGREES,
      lat - FALLBACK_SPAN_DEGREES,
      lon + FALLBACK_SPAN_DEGREES,
      lat + FALLBACK_SPAN_DEGREES,
    ];
    // Keep the pin in the frame even when the point lies outside the outline.
    const framed: [number, number, number, number] = [
      Math.min(bounds[0], lon),
      Math.min(bounds[1], lat),
      Math.max(bounds[2], lon),
      Math.max(bounds[3], lat),
    ];
    const projection = fitProjection(framed, { width: 400, padding: 20, minHeight: 220, maxHeight: 360 });
    return {
      width: projection.width,
      height: projection.height,
      outline: boundary ? toSvgPath(projectPolygons(boundary, projection)) : null,
      pin: projection.project(lon, lat),
    };
  }, [boundary, lat, lon]);

  const [x, y] = drawing.pin;
  return (
    <figure className="location-map">
      <svg
        viewBox={`0 0 ${drawing.width} ${drawing.height}`}
        role="img"
        aria-labelledby={titleId}
        className="location-map-svg"
      >
        <title id={titleId}>{label}</title>
        <rect className="map-background" width={drawing.width} height={drawing.height} />
        {drawing.outline ? (
          <path d={drawing.outline} className="location-map-area" fillRule="evenodd" />
        ) : null}
        <g className="location-map-pin" transform={`translate(${x} ${y})`}>
          <path d="M0 0 C-3 -9 -11 -13 -11 -21 A11 11 0 1 1 11 -21 C11 -13 3 -9 0 0 Z" />
          <circle cx={0} cy={-21} r={4} className="location-map-pin-dot" />
        </g>
      </svg>
      <figcaption className="map-help">
        {lat.toFixed(5)}, {lon.toFixed(5)}
      </figcaption>
    </figure>
  );
}
