import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './area-map.css';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  escapeHtml,
  labelLatLng,
  type LatLngTuple,
  leafletBoundsOf,
  toLeafletPolygons,
} from './leaflet-geometry';
import { areaLabel, areaOutline, areaPolygon, LABEL_PANE, OUTLINE_PANE, pointMarker } from './map-layers';
import type { MapArea, MapPoint, MapTiles } from './map-types';

export interface AreaMapProps {
  areas: readonly MapArea[];
  /** Accessible name of the group of area buttons. */
  areasLabel: string;
  /** Accessible name of the map as a whole (the pannable, zoomable region). */
  mapLabel: string;
  /** id of the text that explains how to use the map. */
  describedBy?: string;
  /** Hovered or focused here or elsewhere (e.g. a table row): drawn highlighted. */
  activeAreaId?: string | null;
  selectedAreaId?: string | null;
  onAreaActiveChange?: (id: string | null) => void;
  onAreaSelect?: (id: string) => void;
  points?: readonly MapPoint[];
  /** Accessible name of the group of point markers. */
  pointsLabel?: string;
  /** null: no tile layer at all, so the map needs no network beyond the API. */
  tiles?: MapTiles | null;
  /** Follows a popup link inside the app instead of reloading the page. */
  onNavigate?: (href: string) => void;
  /** A pin that can be dropped (click) and moved (drag, or arrow keys when it has focus). */
  pin?: { lat: number; lon: number } | null;
  /** Where the pin was dropped or moved to; given, a click on the map drops the pin there. */
  onPinMove?: (lat: number, lon: number) => void;
  /** Accessible name of the pin. */
  pinLabel?: string;
}

interface DrawnArea {
  area: MapArea;
  latLngs: LatLngTuple[][][];
  polygon: L.Polygon;
  label: L.Marker | null;
}

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    return true; // A browser without :focus-visible: always show the ring.
  }
}

const reduceMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * A Leaflet map of areas (GeoJSON polygons with labels, hover, focus and selection) and point
 * markers. Without a tile server it draws the areas over a plain background and fetches nothing;
 * with one, the tiles go underneath with their attribution. Each area is a keyboard-focusable
 * toggle button (Tab, Enter or Space); each point a button that opens a popup with a link.
 * Loaded lazily: Leaflet stays out of the initial bundle.
 */
export default function AreaMap(props: AreaMapProps) {
  const { areas, points, tiles, areasLabel, pointsLabel, mapLabel, describedBy } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  // Leaflet handlers are bound once per layer; they read the newest props through this ref.
  const latest = useRef(props);
  latest.current = props;
  const drawn = useRef(new Map<string, DrawnArea>());
  const outlines = useRef<L.Layer[]>([]);
  // Tracked apart from the hover highlight so the focus ring stays put when the mouse moves.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const withTiles = Boolean(tiles?.url);

  const shapes = useMemo(
    () =>
      areas
        .map((area) => ({ area, latLngs: toLeafletPolygons(area.geometry) }))
        .filter((shape) => shape.latLngs.length > 0),
    [areas],
  );
  // The view is fitted again only when what there is to show moves, not on every refetch.
  const fitBounds = useMemo(() => {
    const pointPositions = (points ?? []).map((point): LatLngTuple => [point.lat, point.lon]);
    return shapes.length > 0
      ? leafletBoundsOf(shapes.map((shape) => shape.latLngs))
      : leafletBoundsOf([], pointPositions);
  }, [shapes, points]);
  const fitKey = fitBounds
    ? fitBounds
        .flat()
        .map((value) => value.toFixed(5))
        .join(',')
    : 'world';

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const animate = !reduceMotion();
    const created = L.map(container, {
      attributionControl: false,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      maxZoom: 19,
      minZoom: 2,
      // Scrolling the page past the map must not zoom it; once the map has focus, the wheel zooms.
      scrollWheelZoom: false,
      zoomAnimation: animate,
      fadeAnimation: animate,
      markerZoomAnimation: animate,
    });
    const outlinePane = created.createPane(OUTLINE_PANE);
    outlinePane.style.zIndex = '450';
    outlinePane.style.pointerEvents = 'none';
    const labelPane = created.createPane(LABEL_PANE);
    labelPane.style.zIndex = '460';
    labelPane.style.pointerEvents = 'none';
    // The shapes' accessible names already say what the labels say.
    labelPane.setAttribute('aria-hidden', 'true');
    const focusIn = () => created.scrollWheelZoom.enable();
    const focusOut = (event: FocusEvent) => {
      if (!container.contains(event.relatedTarget as Node | null)) created.scrollWheelZoom.disable();
    };
    container.addEventListener('focusin', focusIn);
    container.addEventListener('focusout', focusOut);
    // The layout (a details panel, a narrower window) may resize the map without a window resize.
    const resizeObserver =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => created.invalidateSize());
    resizeObserver?.observe(container);
    setMap(created);
    return () => {
      resizeObserver?.disconnect();
      container.removeEventListener('focusin', focusIn);
      container.removeEventListener('focusout', focusOut);
      created.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Leaflet makes the container focusable (arrow keys pan, + and - zoom): give it a name.
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', mapLabel);
  }, [mapLabel]);

  // Declared before the layer effects: vector layers need the map to have a view.
  useEffect(() => {
    if (!map) return;
    const bounds = fitBounds;
    if (bounds) map.fitBounds(bounds, { padding: [16, 16], animate: false });
    else map.setView([20, 0], 2, { animate: false });
    // fitKey stands for fitBounds: refit only when the extent really changed.
  }, [map, fitKey]);

  useEffect(() => {
    if (!map || !tiles?.url) return;
    const attribution = L.control.attribution({ prefix: false }).addTo(map);
    const tileLayer = L.tileLayer(tiles.url, {
      // Leaflet inserts attributions as HTML; the configured text is shown as text.
      attribution: tiles.attribution ? escapeHtml(tiles.attribution) : undefined,
      maxZoom: 19,
    }).addTo(map);
    return () => {
      tileLayer.remove();
      attribution.remove();
    };
  }, [map, tiles?.url, tiles?.attribution]);

  useEffect(() => {
    if (!map) return;
    const layers = drawn.current;
    for (const { area, latLngs } of shapes) {
      const polygon = areaPolygon(area, latLngs, { withTiles }).addTo(map);
      const position = labelLatLng(area.geometry);
      const label = position ? areaLabel(area, position).addTo(map) : null;
      layers.set(area.id, { area, latLngs, polygon, label });
      polygon.on('click', () => latest.current.onAreaSelect?.(area.id));
      polygon.on('mouseover', () => latest.current.onAreaActiveChange?.(area.id));
      polygon.on('mouseout', () => latest.current.onAreaActiveChange?.(null));
      // Leaflet's SVG renderer (the default) draws each polygon as one <path>.
      const element = polygon.getElement() as SVGPathElement | undefined;
      if (!element) continue;
      // An SVG shape cannot be a <button>: role, tabindex and keys make it one.
      element.setAttribute('tabindex', '0');
      element.setAttribute('role', 'button');
      element.setAttribute('aria-label', area.accessibleName);
      element.addEventListener('focus', () => {
        // The dashed focus ring is for keyboard users; a click selects and outlines the area anyway.
        setFocusedId(isFocusVisible(element) ? area.id : null);
        latest.current.onAreaActiveChange?.(area.id);
        // Tabbing to an area scrolled out of view brings it into view.
        const areaBounds = polygon.getBounds();
        if (!map.getBounds().contains(areaBounds)) {
          map.fitBounds(map.getBounds().extend(areaBounds), { animate: !reduceMotion() });
        }
      });
      element.addEventListener('blur', () => {
        setFocusedId(null);
        latest.current.onAreaActiveChange?.(null);
      });
      element.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        latest.current.onAreaSelect?.(area.id);
      });
    }
    syncHighlights();
    return () => {
      for (const { polygon, label } of layers.values()) {
        polygon.remove();
        label?.remove();
      }
      layers.clear();
    };
  }, [map, shapes, withTiles]);

  // Declared after the areas effect: the <svg> exists once the first area is drawn.
  useEffect(() => {
    // Leaflet's SVG renderer draws every area into one <svg> (the panes themselves have no size,
    // so they would count as invisible): that element is the group of area buttons.
    const firstPath = drawn.current.values().next().value?.polygon.getElement() as SVGPathElement | undefined;
    const group = firstPath?.ownerSVGElement;
    if (!group) return;
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', areasLabel);
    if (describedBy) group.setAttribute('aria-describedby', describedBy);
    else group.removeAttribute('aria-describedby');
  }, [map, shapes, withTiles, areasLabel, describedBy]);

  const { activeAreaId = null, selectedAreaId = null } = props;
  // A layout effect: aria-pressed is up to date as soon as the selection is.
  useLayoutEffect(() => {
    syncHighlights();
  }, [map, shapes, withTiles, activeAreaId, selectedAreaId, focusedId]);

  /** Brings aria-pressed, label emphasis and the highlight outlines in line with the props. */
  function syncHighlights() {
    if (!map) return;
    for (const layer of outlines.current) layer.remove();
    outlines.current = [];
    for (const { area, polygon, label } of drawn.current.values()) {
      const isSelected = area.id === selectedAreaId;
      polygon.getElement()?.setAttribute('aria-pressed', String(isSelected));
      label?.getElement()?.classList.toggle('is-emphasised', isSelected || area.id === activeAreaId);
    }
    // Drawn again on top, in their own pane, so thick strokes are not hidden under neighbours. The
    // focusable shapes themselves never move in the DOM: that would drop focus and change tab order.
    const outlineOf = (id: string | null, kind: 'selected' | 'active' | 'focus') => {
      const shape = id ? drawn.current.get(id) : undefined;
      if (shape) outlines.current.push(areaOutline(shape.latLngs, kind).addTo(map));
    };
    outlineOf(selectedAreaId, 'selected');
    outlineOf(activeAreaId, 'active');
    outlineOf(focusedId, 'focus');
  }

  useEffect(() => {
    if (!map || !points || points.length === 0) return;
    const markerPane = map.getPane('markerPane');
    markerPane?.setAttribute('role', 'group');
    if (pointsLabel) markerPane?.setAttribute('aria-label', pointsLabel);
    const markers = points.map((point) =>
      pointMarker(point, (href) => {
        const navigate = latest.current.onNavigate;
        if (navigate) navigate(href);
        else window.location.assign(href);
      }).addTo(map),
    );
    return () => {
      for (const marker of markers) marker.remove();
      markerPane?.removeAttribute('role');
      markerPane?.removeAttribute('aria-label');
    };
  }, [map, points, pointsLabel]);

  // The dropped pin: a click on the map drops it, dragging moves it, and with focus the arrow keys
  // nudge it (about 10 m a press) for people who do not use a mouse.
  const { pin, pinLabel } = props;
  const pinKey = pin ? `${pin.lat.toFixed(6)},${pin.lon.toFixed(6)}` : '';
  useEffect(() => {
    if (!map || !latest.current.onPinMove) return;
    const drop = (event: L.LeafletMouseEvent) =>
      latest.current.onPinMove?.(event.latlng.lat, event.latlng.lng);
    map.on('click', drop);
    return () => {
      map.off('click', drop);
    };
  }, [map]);
  useEffect(() => {
    if (!map || !pin) return;
    const movable = Boolean(latest.current.onPinMove);
    const shape = document.createElement('span');
    shape.className = 'geo-map-pin-shape';
    const marker = L.marker([pin.lat, pin.lon], {
      icon: L.divIcon({ className: 'geo-map-pin', html: shape, iconSize: [24, 24], iconAnchor: [12, 24] }),
      draggable: movable,
      keyboard: movable,
      autoPan: true,
    }).addTo(map);
    const element = marker.getElement();
    element?.setAttribute('aria-label', pinLabel ?? 'Pin');
    if (!movable) element?.setAttribute('tabindex', '-1');
    marker.on('dragend', () => {
      const at = marker.getLatLng();
      latest.current.onPinMove?.(at.lat, at.lng);
    });
    const step = 0.0001;
    const nudge = (event: KeyboardEvent) => {
      const moves: Record<string, [number, number]> = {
        ArrowUp: [step, 0],
        ArrowDown: [-step, 0],
        ArrowLeft: [0, -step],
        ArrowRight: [0, step],
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.onPinMove?.(pin.lat + move[0], pin.lon + move[1]);
    };
    if (movable) element?.addEventListener('keydown', nudge);
    if (!map.getBounds().contains([pin.lat, pin.lon]))
      map.panTo([pin.lat, pin.lon], { animate: !reduceMotion() });
    return () => {
      element?.removeEventListener('keydown', nudge);
      marker.remove();
    };
    // pinKey stands for pin: redraw only when the pin really moved.
  }, [map, pinKey, pinLabel]);

  // Leaflet adds its own classes to this element: its className must never change after mount.
  return <div ref={containerRef} className="geo-map" />;
}
