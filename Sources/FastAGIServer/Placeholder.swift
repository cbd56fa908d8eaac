import NIOCore
import NIOPosix
import ServiceLifecycle
import Logging
enum FastAGIServerPlaceholder {}
