"""The map: points when few results, grid clusters (one aggregate query over
`entries_filtered`) when many, for a bounding box and zoom.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, F
from django.db.models.functions import Floor

from baz.atlas.selectors.entries import entries_filtered, entry_path
from baz.atlas.selectors.filters import AtlasFilters

# The map answers with individual points up to this many results, with grid clusters above.
MAP_POINT_THRESHOLD = 200
MAP_MAX_FEATURES = 500
# A cluster cell is about this many screen pixels wide at the requested zoom.
MAP_CELL_PIXELS = 64
# At most this many cells across a bounding box, so one answer stays well under 500 features.
MAP_MAX_CELLS_ACROSS = 20
# Belgium, used as the extent when a map request has no bbox.
BELGIUM_BBOX = (2.5, 49.45, 6.45, 51.55)


def _cell_size(zoom: int, bbox: tuple[float, float, float, float]) -> float:
    """Grid cell size in degrees: about MAP_CELL_PIXELS at this zoom, but never so small that
    a bbox holds more than MAP_MAX_CELLS_ACROSS cells in either direction."""
    degrees_per_pixel = 360 / (256 * 2**zoom)
    min_lon, min_lat, max_lon, max_lat = bbox
    return max(
        MAP_CELL_PIXELS * degrees_per_pixel,
        (max_lon - min_lon) / MAP_MAX_CELLS_ACROSS,
        (max_lat - min_lat) / MAP_MAX_CELLS_ACROSS,
        1e-6,
    )


def map_features(filters: AtlasFilters, zoom: int) -> dict[str, Any]:
    """A GeoJSON FeatureCollection for a map view: points when few, grid clusters when many.

    ONE aggregate query groups the filtered queryset by grid cell (floor(lat/cell),
    floor(lon/cell)) with a count and the mean position; the counts add up to the total, so
    no separate COUNT is needed. When the total is at most MAP_POINT_THRESHOLD, a second
    query fetches the points instead. Cluster counts add up to `entry_list(filters).count()`,
    and an answer never holds more than MAP_MAX_FEATURES features.
    """
    qs = entries_filtered(filters)
    extent = filters.bbox or BELGIUM_BBOX
    cell = _cell_size(zoom, extent)
    while True:
        cells = list(
            qs.order_by()
            .annotate(cell_y=Floor(F("latitude") / cell), cell_x=Floor(F("longitude") / cell))
            .values("cell_y", "cell_x")
            .annotate(count=Count("*"), lat=Avg("latitude"), lon=Avg("longitude"))
            .order_by()
        )
        total = sum(c["count"] for c in cells)
        if len(cells) <= MAP_MAX_FEATURES or total <= MAP_POINT_THRESHOLD:
            break
        # Only reached when entries lie far outside the extent (no bbox given): widen cells.
        cell *= 2
    if total <= MAP_POINT_THRESHOLD:
        rows = qs.order_by("pk").values_list(
            "pk", "name", "slug", "kind", "latitude", "longitude", "location_is_exact"
        )
        path = entry_path(987654321, "slug-placeholder")
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "cluster": False,
                    "id": pk,
                    "name": name,
                    "kind": kind,
                    "exact": exact,
                    "url": path.replace("987654321", str(pk)).replace(
                        "slug-placeholder", slug or "fiche"
                    ),
                },
            }
            for pk, name, slug, kind, lat, lon, exact in rows
        ]
        return {"type": "FeatureCollection", "total": total, "mode": "points", "features": features}
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(c["lon"], 6), round(c["lat"], 6)],
            },
            "properties": {"cluster": True, "count": c["count"]},
        }
        for c in cells
    ]
    return {
        "type": "FeatureCollection",
        "total": total,
        "mode": "clusters",
        "cell_size": cell,
        "features": features,
    }
