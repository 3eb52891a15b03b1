import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BoundaryGeometry, Neighborhood } from '../types';
import {
  boundsOf,
  fitProjection,
  labelPosition,
  projectPolygons,
  toSvgPath,
  type Point,
} from '../../../lib/geo/map-geometry';

/** Light fills, each with ≥ 3:1 contrast against the dark outline and ≥ 7:1 under label text. */
const AREA_FILLS = ['#dbe8f6', '#dcefd8', '#f7e7cc', '#e9e0f4', '#f6dcdc', '#d6eeee', '#efeadb', '#e3e8ec'];

interface NeighborhoodMapProps {
  neighborhoods: Neighborhood[];
  /** Hovered or focused here or in the table: drawn highlighted. */
  activeId: string | null;
  selectedId: string | null;
  onActiveChange: (id: string | null) => void;
  onSelect: (id: string) => void;
}

interface MapArea {
  neighborhood: Neighborhood;
  path: string;
  label: Point | null;
  fill: string;
}

function describeNeighborhood(neighborhood: Neighborhood): string {
  const status = neighborhood.status === 'retired' ? ', retired' : '';
  const lieutenant = neighborhood.lieutenant
    ? `lieutenant ${neighborhood.lieutenant.name}`
    : 'no coordination lieutenant assigned';
  return `${neighborhood.name} (${neighborhood.code})${status}, ${lieutenant}`;
}

/**
 * The neighborhoods drawn as SVG shapes over a plain background: no tile server, so it works
 * offline and inside a locked-down department network. Each shape is a keyboard-focusable
 * toggle button; its text label is drawn on the map and its accessible name says the same.
 */
export default function NeighborhoodMap({
  neighborhoods,
  activeId,
  selectedId,
  onActiveChange,
  onSelect,
}: NeighborhoodMapProps) {
  const titleId = useId();
  const helpId = useId();
  // Tracked apart from the hover highlight so the focus ring stays put when the mouse moves.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  // viewBox units per screen pixel: keeps labels at a readable on-screen size at any map width.
  const [unitsPerPixel, setUnitsPerPixel] = useState(1);

  const drawable = useMemo(
    () =>
      neighborhoods.filter((neighborhood): neighborhood is Neighborhood & { boundary: BoundaryGeometry } =>
        Boolean(neighborhood.boundary),
      ),
    [neighborhoods],
  );

  const map = useMemo(() => {
    const bounds = boundsOf(drawable.map((neighborhood) => neighborhood.boundary));
    if (!bounds) return null;
    const projection = fitProjection(bounds);
    const areas: MapArea[] = drawable.map((neighborhood, index) => {
      const polygons = projectPolygons(neighborhood.boundary, projection);
      return {
        neighborhood,
        path: toSvgPath(polygons),
        label: labelPosition(polygons),
        fill: AREA_FILLS[index % AREA_FILLS.length] as string,
      };
    });
    return { width: projection.width, height: projection.height, areas };
  }, [drawable]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !map || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry || entry.contentRect.width === 0) return;
      // preserveAspectRatio "meet": the tighter of the two axes sets the scale.
      setUnitsPerPixel(
        Math.max(map.width / entry.contentRect.width, map.height / Math.max(entry.contentRect.height, 1)),
      );
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [map]);

  const missing = neighborhoods.filter((neighborhood) => !neighborhood.boundary);

  if (!map) {
    return <p className="empty-state">No neighborhood boundaries have been loaded yet.</p>;
  }

  function handleKeyDown(event: KeyboardEvent<SVGPathElement>, id: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  }

  const activeArea = map.areas.find((area) => area.neighborhood.id === activeId);
  const selectedArea = map.areas.find((area) => area.neighborhood.id === selectedId);
  const focusedArea = map.areas.find((area) => area.neighborhood.id === focusedId);

  return (
    <figure className="map">
      {/* biome-ignore lint/a11y/useSemanticElements: <svg> cannot be a <fieldset>; the group names the set of area buttons. */}
      <svg
        ref={svgRef}
        className="map-svg"
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={helpId}
        onMouseLeave={() => onActiveChange(null)}
      >
        <title id={titleId}>Map of neighborhoods</title>
        <rect className="map-background" x={0} y={0} width={map.width} height={map.height} />
        {map.areas.map(({ neighborhood, path, fill }) => {
          const isActive = neighborhood.id === activeId;
          const isSelected = neighborhood.id === selectedId;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; role and keys make it one.
            <path
              key={neighborhood.id}
              d={path}
              fillRule="evenodd"
              className={`map-area${isActive ? ' is-active' : ''}${isSelected ? ' is-selected' : ''}${
                neighborhood.status === 'retired' ? ' is-retired' : ''
              }`}
              style={{ fill }}
              tabIndex={0}
              role="button"
              aria-pressed={isSelected}
              aria-label={describeNeighborhood(neighborhood)}
              onMouseEnter={() => onActiveChange(neighborhood.id)}
              onFocus={() => {
                setFocusedId(neighborhood.id);
                onActiveChange(neighborhood.id);
              }}
              onBlur={() => {
                setFocusedId(null);
                onActiveChange(null);
              }}
              onClick={() => onSelect(neighborhood.id)}
              onKeyDown={(event) => handleKeyDown(event, neighborhood.id)}
            />
          );
        })}
        {/*
          Outlines of the selected and highlighted areas are drawn again on top, so their
          thick strokes are not hidden under neighbours. The focusable shapes themselves never
          move in the DOM: moving a focused node would drop keyboard focus and change tab order.
          Unnamed SVG shapes are left out of the accessibility tree, so these need no aria-hidden.
        */}
        {selectedArea ? (
          <path d={selectedArea.path} fillRule="evenodd" className="map-outline-selected" />
        ) : null}
        {activeArea ? <path d={activeArea.path} fillRule="evenodd" className="map-outline-active" /> : null}
        {focusedArea ? <path d={focusedArea.path} fillRule="evenodd" className="map-outline-focus" /> : null}
        {/* Labels after all shapes so no shape paints over another's label. */}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: plain text, not focusable; each shape's aria-label already says it. */}
        <g
          aria-hidden="true"
          className="map-labels"
          style={{ fontSize: `${13 * unitsPerPixel}px`, strokeWidth: 3.5 * unitsPerPixel }}
        >
          {map.areas.map(({ neighborhood, label }) =>
            label ? (
              <text
                key={neighborhood.id}
                x={label[0]}
                y={label[1]}
                textAnchor="middle"
                className={`map-label${neighborhood.id === activeId || neighborhood.id === selectedId ? ' is-emphasised' : ''}`}
              >
                <tspan x={label[0]} dy="-0.2em" className="map-label-code">
                  {neighborhood.code}
                </tspan>
                <tspan x={label[0]} dy="1.2em">
                  {neighborhood.name}
                  {neighborhood.status === 'retired' ? ' (retired)' : ''}
                </tspan>
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption id={helpId} className="map-help">
        Press Tab to move between neighborhoods and Enter to show one’s details. Selected neighborhoods have a
        thick outline.
        {missing.length > 0
          ? ` Not on the map (no boundary loaded): ${missing.map((neighborhood) => neighborhood.name).join(', ')}.`
          : ''}
      </figcaption>
    </figure>
  );
}
