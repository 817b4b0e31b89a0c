"""What a screen reader hears: announcements, and a walk of Qt's accessibility tree."""

from collections.abc import Iterator

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

try:  # Qt 6.8 and later
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older Qt: the name change is all that is heard
    QAccessibleAnnouncementEvent = None


def announce(source: QObject, message: str, *, assertive: bool = False) -> bool:
    """Ask screen readers to speak `message` now; assertive interrupts what they say.
    False where this Qt has no announcements (the caller's name change still shows)."""
    if QAccessibleAnnouncementEvent is None:
        return False
    event = QAccessibleAnnouncementEvent(source, message)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    return True


# Widget classes a screen reader should hear as something other than their Qt role.
_ROLES: dict[type[QWidget], QAccessible.Role] = {}


def _interface_with_role(_class_name: str, target: QObject) -> QAccessibleInterface | None:
    role = next((r for cls, r in _ROLES.items() if isinstance(target, cls)), None)
    return None if role is None else QAccessibleWidget(target, role, "")


def give_role(widget_class: type[QWidget], role: QAccessible.Role) -> None:
    """Every widget of `widget_class` tells screen readers it is a `role` (an alert)."""
    if not _ROLES:
        QAccessible.installFactory(_interface_with_role)
    _ROLES[widget_class] = role


def nodes(root: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    """Every node under `root`, depth first, `root` included."""
    yield root
    for index in range(root.childCount()):
        child = root.child(index)
        if child is not None and child.isValid():
            yield from nodes(child)


def unnamed_focusable(root: QObject) -> list[str]:
    """The focusable, showing nodes under `root` that have no name: a screen reader
    would land on them and say only their role."""
    top = QAccessible.queryAccessibleInterface(root)
    found = []
    for node in nodes(top):
        state = node.state()
        if state.focusable and not state.invisible and not state.offscreen \
                and not node.text(QAccessible.Text.Name).strip():
            found.append(f"{node.role().name} {type(node.object()).__name__}")
    return found
