// What a store's caller holds while it reads or writes: one state of the store, one transaction, one
// command inside it. Interfaces: each backend implements them over its own connection. Each scope ends
// on the thread that began it, before the store does.
#pragma once

namespace scr {

// While it lives, every read sees one state of the store: nothing committed meanwhile shows.
class ReadScope {
 public:
  virtual ~ReadScope() = default;
};

// A write transaction, begun before its first write (it waits for no other writer after that): what is
// written while it lives is kept by Commit(), and undone when it ends uncommitted.
class WriteScope {
 public:
  virtual ~WriteScope() = default;
  virtual void Commit() = 0;
};

// One command's writes inside a write transaction (a group commit's careful path): kept by Keep(),
// undone alone when it ends unkept, the rest of the transaction untouched.
class CommandScope {
 public:
  virtual ~CommandScope() = default;
  virtual void Keep() = 0;
};

}  // namespace scr
