// The explicit registry of checker rules: one import per file in this folder, listed by family.
import type { Rule } from '../rule.js';
import asyncBranchesDiffer from './async-branches-differ.js';
import asyncRecursionBoxNew from './async-recursion-box-new.js';
import asyncRecursionUnboxed from './async-recursion-unboxed.js';
import awaitMutRefNotUnpin from './await-mut-ref-not-unpin.js';
import boxDynFutureAwaited from './box-dyn-future-awaited.js';
import boxNewForPinBox from './box-new-for-pin-box.js';
import dropMovesPinnedField from './drop-moves-pinned-field.js';
import futurePollNeedsPin from './future-poll-needs-pin.js';
import moveAfterPinNewUnchecked from './move-after-pin-new-unchecked.js';
import moveOutOfDropType from './move-out-of-drop-type.js';
import moveOutOfPin from './move-out-of-pin.js';
import negativeUnpinImpl from './negative-unpin-impl.js';
import packedPinProjection from './packed-pin-projection.js';
import pinBindingNotMut from './pin-binding-not-mut.js';
import pinDerefMutNotUnpin from './pin-deref-mut-not-unpin.js';
import pinGetMutNotUnpin from './pin-get-mut-not-unpin.js';
import pinMovedIntoFnmut from './pin-moved-into-fnmut.js';
import pinNewNotUnpin from './pin-new-not-unpin.js';
import pinRcAsMut from './pin-rc-as-mut.js';
import pinReceiverMethodUnpinned from './pin-receiver-method-unpinned.js';
import pinSetDifferentFuture from './pin-set-different-future.js';
import pinUsedAfterMove from './pin-used-after-move.js';
import pinnedFieldMutLeak from './pinned-field-mut-leak.js';
import pollUnpinnedFuture from './poll-unpinned-future.js';
import returnPinnedLocal from './return-pinned-local.js';
import selfBorrowingStruct from './self-borrowing-struct.js';
import selfPointerMoved from './self-pointer-moved.js';
import swapPinnedField from './swap-pinned-field.js';
import traitMethodPinSignature from './trait-method-pin-signature.js';
import unconditionalUnpinImpl from './unconditional-unpin-impl.js';
import unpinBoundNotMet from './unpin-bound-not-met.js';
import unsafeImplUnpin from './unsafe-impl-unpin.js';
import unsafePinCallOutsideUnsafe from './unsafe-pin-call-outside-unsafe.js';
import useAfterPinMacro from './use-after-pin-macro.js';

export const rules: readonly Rule[] = [
  pinNewNotUnpin,
  awaitMutRefNotUnpin,
  unpinBoundNotMet,
  pollUnpinnedFuture,
  pinReceiverMethodUnpinned,
  futurePollNeedsPin,
  pinGetMutNotUnpin,
  pinDerefMutNotUnpin,
  moveOutOfPin,
  pinUsedAfterMove,
  pinBindingNotMut,
  pinMovedIntoFnmut,
  useAfterPinMacro,
  returnPinnedLocal,
  pinSetDifferentFuture,
  pinRcAsMut,
  moveAfterPinNewUnchecked,
  unsafePinCallOutsideUnsafe,
  swapPinnedField,
  selfPointerMoved,
  selfBorrowingStruct,
  pinnedFieldMutLeak,
  unconditionalUnpinImpl,
  negativeUnpinImpl,
  unsafeImplUnpin,
  packedPinProjection,
  boxDynFutureAwaited,
  boxNewForPinBox,
  asyncBranchesDiffer,
  asyncRecursionUnboxed,
  asyncRecursionBoxNew,
  dropMovesPinnedField,
  moveOutOfDropType,
  traitMethodPinSignature,
];
