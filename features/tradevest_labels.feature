@tradevest
Feature: Tradevest customer labels and onboardings
  Labels group a partner's customers. GET /roles/customer-labels lists every
  label in use as {label, customersCount}. PATCH
  /roles/customer-labels/{labelName} {name} renames a label on every
  customer that carries it. DELETE /roles/customer-labels/{labelName}
  removes it from every customer. PATCH
  /roles/customer-labels/{labelName}/customers with a list of customer ids
  adds the label to each of them. All three answer 202 with no body. A
  label no customer carries is a 404 for rename and delete. Adding a label
  changes nothing if any customer id is unknown, or if a customer would
  carry more than 16 labels: the 400 names every such id.

  POST /roles/onboardings {roleType: "CUSTOMER", roleId} onboards a CREATED
  customer and answers 200 {onboardingId}. The customer is PENDING at once;
  the onboarding is CREATED, PENDING a second later and, 60 seconds after
  it started on the sandbox clock, APPROVED, and the customer ACTIVE. GET /roles/onboardings/{onboardingId} answers
  {onboardingId, status, roleType, roleId, createdOn, modifiedOn}. A
  customer that is not CREATED cannot be onboarded again (409).

  Each scenario has a partner of its own ({partner}) holding the data of
  partner sandbox of the default fixtures: customer
  9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01 (Max, ACTIVE, labels vip and premium)
  and customer …8b02 (the legal entity, CREATED, label b2b). Erika
  (6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02) has no customer role yet. Scenarios that
  check times freeze the sandbox clock.

  Background:
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"

  # GET /roles/customer-labels

  Scenario: List the labels with the number of customers carrying each
    When I GET "/roles/customer-labels"
    Then the response status is 200
    And the response is a list of 3 items
    And the "label" of the response items, in any order, are "b2b, premium, vip"
    And the item of the response list whose "label" is "b2b" equals:
      """
      {"label": "b2b", "customersCount": 1}
      """
    And the item of the response list whose "label" is "premium" equals:
      """
      {"label": "premium", "customersCount": 1}
      """
    And the item of the response list whose "label" is "vip" equals:
      """
      {"label": "vip", "customersCount": 1}
      """

  Scenario: The label list counts every customer carrying a label
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON", "labels": ["vip", "hamburg"]}
      """
    And the response status is 200
    And I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, hamburg, premium, vip"
    And the item of the response list whose "label" is "vip" equals:
      """
      {"label": "vip", "customersCount": 2}
      """
    And the item of the response list whose "label" is "hamburg" equals:
      """
      {"label": "hamburg", "customersCount": 1}
      """

  Scenario: A label no customer carries any more leaves the list
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["vip"]}
      """
    And I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, vip"

  # PATCH /roles/customer-labels/{labelName}

  Scenario: Rename a label on every customer
    Given I PATCH "/roles/customer-labels/vip/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    And the response status is 202
    When I PATCH "/roles/customer-labels/vip" with body:
      """
      {"name": "gold"}
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "gold, premium"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b, gold"
    When I GET "/roles/customers?labels=vip"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, gold, premium"
    And the item of the response list whose "label" is "gold" equals:
      """
      {"label": "gold", "customersCount": 2}
      """

  Scenario: Renaming a label into one a customer already carries leaves it there once
    When I PATCH "/roles/customer-labels/vip" with body:
      """
      {"name": "premium"}
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "premium"

  Scenario: Renaming a label no customer carries is a 404
    When I PATCH "/roles/customer-labels/platinum" with body:
      """
      {"name": "gold"}
      """
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "message" is "Label not found"
    When I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, premium, vip"

  Scenario Outline: A rename with <case> is refused and changes nothing
    When I PATCH "/roles/customer-labels/vip" with body:
      """
      <body>
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "name"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

    Examples:
      | case          | body            |
      | no name       | {}              |
      | an empty name | {"name": ""}    |
      | a number      | {"name": 7}     |

  # DELETE /roles/customer-labels/{labelName}

  Scenario: Delete a label from every customer
    Given I PATCH "/roles/customer-labels/premium/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    And the response status is 202
    When I DELETE "/roles/customer-labels/premium"
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b"
    When I GET "/roles/customers?labels=premium"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, vip"

  Scenario: Deleting a label no customer carries is a 404
    When I DELETE "/roles/customer-labels/platinum"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "message" is "Label not found"

  # PATCH /roles/customer-labels/{labelName}/customers

  @in-process
  Scenario: Add a label to many customers
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When the sandbox clock advances 30 seconds
    And I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium, newsletter"
    And the response field "modifiedOn" is "2030-01-01T09:00:30.000Z"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b, newsletter"
    When I GET "/roles/customers?labels=newsletter"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    When I GET "/roles/customer-labels"
    Then the item of the response list whose "label" is "newsletter" equals:
      """
      {"label": "newsletter", "customersCount": 2}
      """

  Scenario: Adding a label a customer already carries does not repeat it
    When I PATCH "/roles/customer-labels/vip/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    Then the response status is 202
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"
    When I GET "/roles/customer-labels"
    Then the item of the response list whose "label" is "vip" equals:
      """
      {"label": "vip", "customersCount": 2}
      """

  Scenario: An unknown customer id fails the whole call and is named
    When I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "00000000-0000-4000-8000-000000000000"]
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "00000000-0000-4000-8000-000000000000"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"
    When I GET "/roles/customer-labels"
    Then the "label" of the response items, in any order, are "b2b, premium, vip"

  Scenario: An entity's id is no customer id for a label
    When I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      ["6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"]
      """
    Then the response status is 400
    And the error details name exactly the fields "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

  Scenario Outline: Adding a label to <case> is refused
    When I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      <body>
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    When I GET "/roles/customers?labels=newsletter"
    Then the response field "data" is a list of 0 items

    Examples:
      | case                     | body                                                   |
      | no customers             | []                                                     |
      | an id that is no UUID    | ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "max"]        |
      | an object, not a list    | {"customerIds": ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"]} |

  Scenario: A customer that would carry 17 labels fails the whole call and is named
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "l16"]}
      """
    And the response status is 200
    And I save the response field "customerId" as "full"
    When I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      ["9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "{full}"]
      """
    Then the response status is 400
    And the error details name exactly the fields "{full}"
    When I GET "/roles/customers/{full}"
    Then the response field "labels" is an array of 16 items
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "labels" lists, in any order, "vip, premium"

  Scenario: Every customer that cannot take the label is named
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "l16"]}
      """
    And I save the response field "customerId" as "full"
    When I PATCH "/roles/customer-labels/newsletter/customers" with body:
      """
      ["{full}", "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02", "00000000-0000-4000-8000-000000000000"]
      """
    Then the response status is 400
    And the error details name exactly the fields "{full}, 00000000-0000-4000-8000-000000000000"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b"

  Scenario: A customer at 16 labels may be given one of its own labels again
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON",
       "labels": ["l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09", "l10", "l11", "l12", "l13", "l14", "l15", "vip"]}
      """
    And I save the response field "customerId" as "full"
    When I PATCH "/roles/customer-labels/vip/customers" with body:
      """
      ["{full}", "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"]
      """
    Then the response status is 202
    When I GET "/roles/customers/{full}"
    Then the response field "labels" is an array of 16 items
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "labels" lists, in any order, "b2b, vip"

  # POST /roles/onboardings

  @in-process
  Scenario: Onboard a customer: PENDING at once, ACTIVE 60 seconds later
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"
    And the sandbox clock advances 10 seconds
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    Then the response status is 200
    And the response field "onboardingId" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And I save the response field "onboardingId" as "onboarding"
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "PENDING"
    And the response field "approvedOn" is null
    When I GET "/roles/onboardings/{onboarding}"
    Then the response status is 200
    And the response body equals:
      """
      {"onboardingId": "{onboarding}", "status": "CREATED", "roleType": "CUSTOMER", "roleId": "{erika_customer}",
       "createdOn": "2030-01-01T09:00:10.000Z", "modifiedOn": "2030-01-01T09:00:10.000Z"}
      """
    When the sandbox clock advances 60 seconds
    And I GET "/roles/onboardings/{onboarding}"
    Then the response body equals:
      """
      {"onboardingId": "{onboarding}", "status": "APPROVED", "roleType": "CUSTOMER", "roleId": "{erika_customer}",
       "createdOn": "2030-01-01T09:00:10.000Z", "modifiedOn": "2030-01-01T09:01:10.000Z"}
      """
    When I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:10.000Z"
    And the response field "createdOn" is "2030-01-01T09:00:00.000Z"

  @in-process
  Scenario: A customer still reads PENDING 59 seconds after onboarding started
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And I save the response field "onboardingId" as "onboarding"
    When the sandbox clock advances 59 seconds
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "PENDING"
    When I GET "/roles/onboardings/{onboarding}"
    Then the response field "status" is "PENDING"
    When I GET "/roles/customers?customerStatus=PENDING"
    Then the "customerId" of the items in "data" are "{erika_customer}"
    When I GET "/roles/customers?customerStatus=ACTIVE"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"

  @in-process
  Scenario: An onboarded customer is found by the ACTIVE filter
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And the response status is 200
    When the sandbox clock advances 60 seconds
    And I GET "/roles/customers?customerStatus=ACTIVE"
    Then the "customerId" of the items in "data" are "{erika_customer}, 9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    When I GET "/roles/customers?customerStatus=PENDING"
    Then the response field "data" is a list of 0 items
    When I GET "/roles/customers?customerStatus=CREATED"
    Then the "customerId" of the items in "data" are "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"

  @in-process
  Scenario: Onboard the legal entity's customer from the fixtures
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 200
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "PENDING"
    When the sandbox clock advances 60 seconds
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "ACTIVE"

  Scenario: An ACTIVE customer cannot be onboarded again
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"

  @in-process
  Scenario: A PENDING customer cannot be onboarded twice
    Given the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    Given I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika_customer"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    And I save the response field "onboardingId" as "first"
    And the sandbox clock advances 30 seconds
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika_customer}"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"
    When the sandbox clock advances 30 seconds
    And I GET "/roles/customers/{erika_customer}"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "approvedOn" is "2030-01-01T09:01:00.000Z"

  Scenario: Onboarding a customer that does not exist is refused
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "00000000-0000-4000-8000-000000000000"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name exactly the fields "roleId"

  Scenario: An entity's id is no role id for an onboarding
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"}
      """
    Then the response status is 400
    And the error details name the field "roleId"

  Scenario: A customer's id is no proxy to onboard
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "PROXY", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 400
    And the error details name exactly the fields "roleId"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "CREATED"

  Scenario Outline: An onboarding with <case> is refused
    When I POST "/roles/onboardings" with this body, where "<field>" is <value>:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 400
    And the response field "errorCode" is "VALIDATION_ERROR"
    And the error details name the field "<field>"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "CREATED"

    Examples:
      | case                    | field    | value        |
      | an unknown roleType     | roleType | "ACCOUNT"    |
      | a roleType in lower case| roleType | "customer"   |
      | a roleId that is no UUID| roleId   | "b2b-customer" |

  Scenario Outline: An onboarding without <field> is refused
    When I POST "/roles/onboardings" with this body, leaving out "<field>":
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    Then the response status is 400
    And the error details name exactly the fields "<field>"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"
    Then the response field "customerStatus" is "CREATED"

    Examples:
      | field    |
      | roleType |
      | roleId   |

  Scenario: An unknown onboarding is a 404
    When I GET "/roles/onboardings/00000000-0000-4000-8000-000000000000"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    And the response field "message" is "Onboarding not found"

  Scenario: An onboarding id that is no UUID is a 400
    When I GET "/roles/onboardings/latest"
    Then the response status is 400
    And the error details name the field "onboardingId"

  Scenario: Partner other cannot read partner sandbox's onboarding
    Given I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02"}
      """
    And I save the response field "onboardingId" as "onboarding"
    And I am authenticated with Tradevest as "{other_tv_client}" with secret "{other_tv_secret}"
    When I GET "/roles/onboardings/{onboarding}"
    Then the response status is 404
