"""The still viewer's canvas: the picture fitted to the window or at 100 %, wheel zoom around
the pointer, drag to pan."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

log = logging.getLogger(__name__)


class ZoomableImageView(QGraphicsView):
    """Fit to the window, 100 %, wheel zoom around the pointer, drag to pan."""

    zoom_changed = Signal(float)
    zoomed_by_hand = Signal()  # the wheel: a slideshow stops

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setObjectName("stillCanvas")
        self.fitting = True
        self.full_width = 0  # pixel width of the original, so 100 % means one image pixel

    def set_image(self, pixmap: QPixmap, original_width: int) -> None:
        """Show ``pixmap`` (a preview or the full image) of an original ``original_width``
        pixels wide. Zoomed by hand, the zoom and the place looked at are kept: the full
        image replacing its preview must not move what the person is looking at."""
        keep = None if self.fitting or self.item.pixmap().isNull() else self.zoom()
        centre = self.centre_fraction()
        self.item.setPixmap(pixmap)
        self.full_width = original_width
        self.scene().setSceneRect(self.item.boundingRect())
        if self.fitting:
            self.fit()
        elif keep is None:
            self.actual_size()
        else:
            self.set_zoom(keep)
            self.centre_on_fraction(centre)

    def fit(self) -> None:
        self.fitting = True
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom())

    def actual_size(self) -> None:
        self.fitting = False
        pixmap = self.item.pixmap()
        if pixmap.isNull() or not self.full_width:
            return
        # One original pixel per device pixel: scene units are the pixmap's pixels.
        scale = self.full_width / pixmap.width() / self.devicePixelRatioF()
        # resetTransform() keeps the scroll bars' values, not the place looked at: without
        # this, 100 % showed whatever part of the picture the old values pointed at.
        centre = self.centre_fraction()
        self.resetTransform()
        self.scale(scale, scale)
        self.centre_on_fraction(centre)
        self.zoom_changed.emit(self.zoom())

    def zoom(self) -> float:
        pixmap = self.item.pixmap()
        if pixmap.isNull() or not self.full_width:
            return 1.0
        return self.transform().m11() * pixmap.width() * self.devicePixelRatioF() / self.full_width

    def set_zoom(self, zoom: float) -> None:
        """Show the original at ``zoom`` (1.0: 100 %), around the same centre."""
        current = self.zoom()
        if zoom > 0 and current > 0 and abs(zoom - current) > 1e-9:
            self.fitting = False
            anchor = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(zoom / current, zoom / current)
            self.setTransformationAnchor(anchor)
            self.zoom_changed.emit(self.zoom())

    def centre_fraction(self) -> QPointF:
        """The point at the view's centre as a fraction of the picture (0.5, 0.5: its middle):
        what the compare view keeps in step between pictures of different sizes."""
        rect = self.item.boundingRect()
        if rect.isEmpty():
            return QPointF(0.5, 0.5)
        centre = self.mapToScene(self.viewport().rect().center())
        return QPointF(
            (centre.x() - rect.left()) / rect.width(), (centre.y() - rect.top()) / rect.height()
        )

    def centre_on_fraction(self, fraction: QPointF) -> None:
        rect = self.item.boundingRect()
        if not rect.isEmpty():
            self.centerOn(
                rect.left() + fraction.x() * rect.width(), rect.top() + fraction.y() * rect.height()
            )

    def zoom_by(self, factor: float, around_mouse: bool = False) -> None:
        """Zoom by ``factor`` around the view's centre (a key, a button), or around the mouse
        pointer (the wheel): a key must not zoom toward wherever the pointer was left."""
        new_zoom = self.zoom() * factor
        if 0.02 <= new_zoom <= 8.0:
            self.fitting = False
            anchor = self.transformationAnchor()
            if not around_mouse:
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(factor, factor)
            self.setTransformationAnchor(anchor)
            self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoomed_by_hand.emit()
            self.zoom_by(1.25**steps, around_mouse=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()
