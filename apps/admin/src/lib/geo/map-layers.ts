import * as L from 'leaflet';
import type { MapArea, MapPoint } from './map-types';

/*
 * Builders for the Leaflet layers of AreaMap. Every text that came from users (names, request
 * descriptions) goes into the DOM as textContent, never as HTML.
 */

export const OUTLINE_PANE = 'nsp-outlines';
export const LABEL_PANE = 'nsp-labels';

const AREA_STROKE = '#3a4656';

export function areaPolygon(
  area: MapArea,
  latLngs: L.LatLngTuple[][][],
  { withTiles }: { withTiles: boolean },
) {
  return L.polygon(latLngs, {
    className: 'geo-map-area',
    color: AREA_STROKE,
    weight: 1.25,
    opacity: 1,
    fillColor: area.fillColor,
    // Over tiles the streets must show through; over the plain background the colours carry the map.
    fillOpacity: withTiles ? 0.45 : 1,
    dashArray: area.dashed ? '6 4' : undefined,
    lineJoin: 'round',
  });
}

/** The thick outlines of the selected, hovered and focused areas, drawn above all fills. */
export function areaOutline(latLngs: L.LatLngTuple[][][], kind: 'selected' | 'active' | 'focus') {
  const styles = {
    selected: { color: '#1f4e8c', weight: 4 },
    active: { color: '#1c2530', weight: 2.5 },
    focus: { color: '#0b57d0', weight: 4, dashArray: '10 4' },
  } satisfies Record<typeof kind, L.PathOptions>;
  return L.polygon(latLngs, {
    ...styles[kind],
    className: `geo-map-outline is-${kind}`,
    pane: OUTLINE_PANE,
    interactive: false,
    fill: false,
    lineJoin: 'round',
  });
}

/** The area's name drawn on the map; the pane it sits in is aria-hidden (the shape carries the name). */
export function areaLabel(area: MapArea, position: L.LatLngTuple) {
  const text = document.createElement('span');
  text.className = 'geo-map-label-text';
  const code = document.createElement('span');
  code.className = 'geo-map-label-code';
  code.textContent = area.label.code;
  text.append(code, document.createElement('br'), area.label.name);
  return L.marker(position, {
    pane: LABEL_PANE,
    icon: L.divIcon({ className: 'geo-map-label', html: text, iconSize: [0, 0] }),
    interactive: false,
    keyboard: false,
  });
}

export function pointMarker(point: MapPoint, onNavigate: (href: string) => void) {
  const shape = document.createElement('span');
  shape.className = 'geo-map-point-shape';
  const marker = L.marker([point.lat, point.lon], {
    // A divIcon is drawn by CSS: Leaflet's default marker would fetch its PNG from a path.
    icon: L.divIcon({
      className: `geo-map-point is-${point.shape}`,
      html: shape,
      iconSize: [18, 18],
      popupAnchor: [0, -8],
    }),
    keyboard: true,
    riseOnHover: true,
  });
  marker.on('add', () => marker.getElement()?.setAttribute('aria-label', point.accessibleName));
  marker.bindPopup(() => popupContent(point, onNavigate), { maxWidth: 300, autoPanPadding: [24, 24] });
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    marker.closePopup();
    marker.getElement()?.focus({ preventScroll: true });
  };
  marker.on('popupopen', (event) => {
    const popupElement = event.popup.getElement();
    // Adding the same listener again is a no-op, so reopening the (reused) popup does not stack them.
    popupElement?.addEventListener('keydown', closeOnEscape);
    // Screen reader and keyboard users land on the link; Escape brings them back to the marker.
    popupElement?.querySelector<HTMLAnchorElement>('.geo-map-popup a[href]')?.focus({ preventScroll: true });
  });
  marker.on('popupclose', (event) => {
    // Closed from inside (its close button): focus would otherwise fall back to the page's start.
    // Without fade animation the popup is already detached here, and focus already on <body>.
    const active = document.activeElement;
    if (active === document.body || event.popup.getElement()?.contains(active))
      marker.getElement()?.focus({ preventScroll: true });
  });
  return marker;
}

function popupContent(point: MapPoint, onNavigate: (href: string) => void) {
  const content = document.createElement('div');
  content.className = 'geo-map-popup';
  const title = document.createElement('p');
  title.className = 'geo-map-popup-title';
  const link = document.createElement('a');
  link.href = point.popup.href;
  link.textContent = point.popup.title;
  link.addEventListener('click', (event) => {
    // Inside the single-page app; a modified click (new tab, new window) stays the browser's.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate(point.popup.href);
  });
  title.append(link);
  content.append(title);
  for (const line of point.popup.lines) {
    const paragraph = document.createElement('p');
    paragraph.textContent = line;
    content.append(paragraph);
  }
  return content;
}
